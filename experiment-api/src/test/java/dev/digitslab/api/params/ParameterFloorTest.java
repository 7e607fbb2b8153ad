package dev.digitslab.api.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParameterFloorTest {
    @Test
    void valuesBelowTwoToTheMinus64BecomePositiveZeroAndEverythingElseStaysBitForBit() {
        float below = Math.nextDown(0x1p-64f);
        float[] given = {below, -below, 1e-30f, Float.MIN_NORMAL, Float.MIN_VALUE, -0f, 0x1p-64f, -0x1p-64f, 1e-19f,
            -0.5f, Float.NaN, Float.NEGATIVE_INFINITY};
        float[] expected = {0f, 0f, 0f, 0f, 0f, 0f, 0x1p-64f, -0x1p-64f, 1e-19f, -0.5f, Float.NaN,
            Float.NEGATIVE_INFINITY};
        for (int i = 0; i < given.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(ParameterFloor.apply(given[i])),
                    "float " + given[i]);
            assertEquals(Double.doubleToRawLongBits(expected[i]),
                    Double.doubleToRawLongBits(ParameterFloor.apply((double) given[i])), "double " + given[i]);
        }
    }
}
