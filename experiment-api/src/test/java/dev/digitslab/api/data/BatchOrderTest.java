package dev.digitslab.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchOrderTest {

    @Test
    void isAPermutation() {
        int[] order = BatchOrder.permutation(42, 1, 1000);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void sameSeedAndEpochGiveTheSameOrder() {
        assertArrayEquals(BatchOrder.permutation(7, 3, 500), BatchOrder.permutation(7, 3, 500));
    }

    @Test
    void epochsAndSeedsGiveDifferentOrders() {
        int[] base = BatchOrder.permutation(7, 1, 500);
        assertFalse(Arrays.equals(base, BatchOrder.permutation(7, 2, 500)));
        assertFalse(Arrays.equals(base, BatchOrder.permutation(8, 1, 500)));
        assertFalse(Arrays.equals(BatchOrder.permutation(1, 2, 500), BatchOrder.permutation(2, 1, 500)));
    }

    @Test
    void isStableAcrossReleases() {
        // Pinned: a change here silently changes every experiment's batch sequence and results.
        assertArrayEquals(new int[] {2, 4, 9, 1, 7, 3, 8, 6, 0, 5}, BatchOrder.permutation(42, 1, 10));
    }

    @Test
    void countsTheShortLastBatch() {
        assertEquals(3, BatchOrder.batchCount(10, 4));
        assertEquals(2, BatchOrder.batchCount(8, 4));
        assertEquals(1, BatchOrder.batchCount(1, 4));
    }
}
