package dev.digitslab.comparison.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digitslab.api.train.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImplementationsTest {
    private final Implementations found = Implementations.discover();

    @Test
    void deeplearning4jIsTheReferenceAndTheScratchNetworkTheCandidate() {
        assertEquals("framework", found.reference().id());
        assertEquals("scratch", found.candidate().id());
        assertEquals(Role.REFERENCE, found.roleOf("framework"));
        assertEquals(Role.CANDIDATE, found.roleOf("scratch"));
        assertEquals(List.of(found.reference(), found.candidate()), found.both());
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> found.byId("pytorch"));
        assertEquals("no implementation 'pytorch' (known: framework, scratch)", e.getMessage());
    }

    @Test
    void aMissingRoleFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Implementations.of(List.of(found.reference())));
        assertEquals("expected one candidate implementation on the class path, found none", e.getMessage());
    }

    @Test
    void aDoubledRoleFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Implementations.of(List.of(found.reference(), found.candidate(), found.reference())));
        assertEquals("expected one reference implementation on the class path, found 2 (framework, framework)",
                e.getMessage());
    }
}
