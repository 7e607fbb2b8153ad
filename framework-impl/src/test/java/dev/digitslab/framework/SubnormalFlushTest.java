package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SubnormalFlushTest {
    @Test
    void subnormalsBecomeZeroAndEverythingElseStaysBitForBit() {
        float tiny = Float.MIN_NORMAL / 3;
        float[] values = {tiny, -tiny, Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -0.5f, 0f,
            Float.NaN, Float.POSITIVE_INFINITY};
        INDArray array = Nd4j.create(values, new long[] {2, 5}, 'c');
        SubnormalFlush.apply(array.getRow(0)); // a view, as the network's parameters are
        SubnormalFlush.apply(array.getRow(1));
        float[] expected = {0f, 0f, 0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -0.5f, 0f, Float.NaN,
            Float.POSITIVE_INFINITY};
        assertArrayEquals(bits(expected), bits(array.data().asFloat()));
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
