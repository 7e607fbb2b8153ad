package dev.digitslab.api.stats;

import java.util.Arrays;

/** The median: the middle value of the sorted values, or the mean of the two middle ones for an even count. */
public final class Median {
    private Median() {
    }

    /**
     * The median of {@code values}, which are left unchanged (a sorted copy is taken).
     *
     * @return the median, or NaN for no values (so a summary over zero runs reads "no value", not an error)
     */
    public static double of(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
