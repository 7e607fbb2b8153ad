package dev.digitslab.comparison.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.Trainers;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerDiscoveryTest {

    @Test
    void serviceLoaderFindsBothImplementations() {
        assertEquals(List.of("framework", "scratch"), Trainers.all().stream().map(Trainer::id).toList());
        assertTrue(Trainers.byId("framework").description().contains("Deeplearning4j"));
    }

    @Test
    void anUnknownTrainerListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainers.byId("pytorch"));
        assertEquals("no trainer 'pytorch' on the class path (found: framework, scratch)", e.getMessage());
    }
}
