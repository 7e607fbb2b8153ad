package dev.digitslab.comparison.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve of a binary scorer, computed exactly as the Mann–Whitney U statistic: the
 * probability that a random positive scores higher than a random negative, ties counting one half.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * @param scores (n) higher means more likely label 1
     * @param labels (n) 0 or 1
     * @return the AUC, or NaN if one of the classes is absent
     */
    public static double of(float[] scores, int[] labels) {
        int n = scores.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " scores for " + labels.length + " labels");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // Sum of the (tie-averaged, 1-based) ranks of the positives.
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }
}
