package dev.digitslab.api.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void anOddCountGivesTheMiddleValue() {
        assertEquals(3.0, Median.of(new double[] {5, 1, 3}), 0.0);
        assertEquals(7.5, Median.of(new double[] {7.5}), 0.0);
    }

    @Test
    void anEvenCountGivesTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Median.of(new double[] {4, 1, 3, 2}), 0.0);
        assertEquals(-1.0, Median.of(new double[] {-3, 1}), 0.0);
    }

    @Test
    void noValuesGiveNaN() {
        assertTrue(Double.isNaN(Median.of(new double[0])));
    }

    @Test
    void leavesItsInputUnsorted() {
        double[] values = {9, 2, 5, 1};
        Median.of(values);
        assertArrayEquals(new double[] {9, 2, 5, 1}, values, 0.0);
    }
}
