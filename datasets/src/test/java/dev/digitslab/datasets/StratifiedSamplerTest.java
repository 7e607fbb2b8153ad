package dev.digitslab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StratifiedSamplerTest {
    @Test
    void allocationIsExactInTotalAndWithinOnePerClass() {
        int[] counts = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}; // MNIST training digits
        for (int total : new int[] {1, 7, 10, 999, 6000, 59999}) {
            int[] take = StratifiedSampler.allocate(counts, total);
            assertEquals(total, Arrays.stream(take).sum());
            for (int c = 0; c < counts.length; c++) {
                assertEquals((double) total * counts[c] / 60000, take[c], 1.0);
            }
        }
    }

    @Test
    void tiesGoToTheLowerClass() {
        assertArrayEquals(new int[] {1, 1, 0}, StratifiedSampler.allocate(new int[] {2, 2, 2}, 2));
    }

    @Test
    void drawTakesExactlyTheAllocatedNumberOfEachClass() {
        int[] labels = {0, 1, 1, 0, 2, 2, 2, 1, 0, 0};
        boolean[] drawn = StratifiedSampler.draw(labels, new int[] {2, 1, 3}, new SplittableRandom(1));
        int[] got = new int[3];
        for (int i = 0; i < labels.length; i++) {
            got[labels[i]] += drawn[i] ? 1 : 0;
        }
        assertArrayEquals(new int[] {2, 1, 3}, got);
    }
}
