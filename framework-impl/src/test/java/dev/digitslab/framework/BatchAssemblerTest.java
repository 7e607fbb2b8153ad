package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchAssemblerTest {
    private static final int FEATURES = 7;
    private static final int CLASSES = 3;

    @Test
    void fullAndShortBatchesHoldTheOrderedRowsAndOneHotLabels() {
        ImageSet data = Specs.randomImages(23, FEATURES, CLASSES, 11L);
        int[] order = BatchOrder.permutation(5L, 1, 23);
        BatchAssembler assembler = new BatchAssembler(10, FEATURES, CLASSES);
        for (int from = 0; from < 23; from += 10) { // 10, 10, then a short batch of 3
            int to = Math.min(23, from + 10);
            INDArray x = assembler.features(data, order, from, to);
            INDArray y = assembler.labels(data, order, from, to);
            assertArrayEquals(new long[] {to - from, FEATURES}, x.shape());
            assertArrayEquals(new long[] {to - from, CLASSES}, y.shape());
            for (int r = 0; r < to - from; r++) {
                int image = order[from + r];
                float[] expected = Arrays.copyOfRange(data.features(), image * FEATURES, (image + 1) * FEATURES);
                assertArrayEquals(expected, x.getRow(r).toFloatVector(), "row " + r + " of batch at " + from);
                float[] oneHot = new float[CLASSES];
                oneHot[data.labels()[image]] = 1f;
                assertArrayEquals(oneHot, y.getRow(r).toFloatVector(), "labels of row " + r);
            }
        }
    }

    @Test
    void binaryTargetsAreOneColumnOfZerosAndOnes() {
        ImageSet data = Specs.randomImages(5, FEATURES, 2, 12L);
        INDArray y = new BatchAssembler(4, FEATURES, 1).labels(data, Specs.identityOrder(5), 1, 5);
        float[] expected = new float[4];
        for (int r = 0; r < 4; r++) {
            expected[r] = data.labels()[1 + r];
        }
        assertArrayEquals(expected, y.toFloatVector());
    }

    @Test
    void offHeapCopiesTheRequestedRowsOnly() {
        float[] values = {9, 9, 1, 2, 3, 4, 5, 6, 9};
        INDArray array = BatchAssembler.offHeap(values, 2, 3, 2);
        assertArrayEquals(new long[] {3, 2}, array.shape());
        assertEquals('c', array.ordering());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, array.data().asFloat());
    }
}
