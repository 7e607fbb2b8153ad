package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The epoch bar fits the terminal and keeps the loss in view, however narrow. */
class EpochBarRendererTest {

    @ParameterizedTest
    @ValueSource(ints = {79, 99, 199}) // 80, 100, 200 columns less the consumer's right margin
    void fillsTheWidthWithTheLossVisible(int width) {
        String line = EpochBarRenderer.line("epoch 2/10", 77, 1688, "loss 0.4123", Duration.ofSeconds(3), width);
        assertEquals(width, line.length(), line);
        assertTrue(line.startsWith("epoch 2/10 [=") && line.contains("]   77/1688 loss 0.4123 1:02 left"), line);
    }

    @Test
    void aNarrowTerminalLosesTheBarBeforeTheLoss() {
        String line = EpochBarRenderer.line("epoch 2/10", 77, 1688, "loss 0.4123", Duration.ofSeconds(3), 45);
        assertEquals("epoch 2/10   77/1688 loss 0.4123 1:02 left", line);
        assertFalse(line.contains("["), line);
    }

    @Test
    void aFinishedEpochHasAFullBarAndNoTimeLeft() {
        String line = EpochBarRenderer.line("epoch 1/2", 154, 154, "loss 0.7382", Duration.ofSeconds(2), 79);
        assertTrue(line.matches("epoch 1/2 \\[=+] 154/154 loss 0\\.7382"), line);
        assertEquals(79, line.length());
    }

    @Test
    void whatCannotFitIsCut() {
        assertEquals("epoch 2/", EpochBarRenderer.line("epoch 2/10", 7, 10, "loss 0.4", Duration.ofSeconds(3), 8));
    }
}
