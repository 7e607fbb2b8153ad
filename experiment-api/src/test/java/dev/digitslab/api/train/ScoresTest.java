package dev.digitslab.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoresTest {

    @Test
    void binaryPredictionsThresholdAtOneHalf() {
        float[] p = {0.2f, 0.5f, 0.9f, 0.49f};
        assertArrayEquals(new int[] {0, 1, 1, 0}, Scores.predictedClasses(p, 1));
        assertEquals(0.75, Scores.accuracy(p, 1, new int[] {0, 1, 1, 1}));
    }

    @Test
    void multiclassPredictionsTakeTheFirstArgMax() {
        float[] p = {0.1f, 0.7f, 0.2f, 0.4f, 0.4f, 0.2f};
        assertArrayEquals(new int[] {1, 0}, Scores.predictedClasses(p, 3));
    }

    @Test
    void binaryCrossEntropyMatchesTheHandComputedValue() {
        float[] p = {0.8f, 0.3f};
        double expected = -(Math.log(0.8f) + Math.log(1 - 0.3f)) / 2;
        assertEquals(expected, Scores.loss(p, 1, new int[] {1, 0}), 1e-12);
    }

    @Test
    void categoricalCrossEntropyMatchesTheHandComputedValue() {
        float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.25f, 0.25f};
        double expected = -(Math.log(0.7f) + Math.log(0.25f)) / 2;
        assertEquals(expected, Scores.loss(p, 3, new int[] {1, 2}), 1e-12);
    }

    @Test
    void aConfidentlyWrongOutputScoresAFiniteLoss() {
        double loss = Scores.loss(new float[] {0f, 1f}, 1, new int[] {1, 0});
        assertEquals(-Math.log(Scores.PROBABILITY_FLOOR), loss, 1e-9);
        assertTrue(Double.isFinite(loss));
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> Scores.accuracy(new float[] {0.1f, 0.9f}, 1, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Scores.loss(new float[] {0.1f, 0.9f, 0.3f}, 2, new int[] {1}));
    }
}
