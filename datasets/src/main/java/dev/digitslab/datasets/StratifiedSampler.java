package dev.digitslab.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a stratified random sample: each class contributes in proportion to its size (largest-remainder
 * rounding, so every class is within one item of its exact share and the total is exact), and which
 * members of a class are drawn is decided by a seeded {@link SplittableRandom}.
 */
final class StratifiedSampler {
    private StratifiedSampler() {
    }

    /**
     * How many of each class a sample of {@code total} takes: floor of the exact share, plus one for the
     * classes with the largest remainders (ties go to the lower class index).
     */
    static int[] allocate(int[] classCounts, int total) {
        long size = Arrays.stream(classCounts).asLongStream().sum();
        if (total < 0 || total > size) {
            throw new IllegalArgumentException("cannot take " + total + " of " + size + " items");
        }
        int[] take = new int[classCounts.length];
        long[] remainder = new long[classCounts.length];
        int given = 0;
        for (int c = 0; c < classCounts.length; c++) {
            take[c] = (int) (total * (long) classCounts[c] / size);
            remainder[c] = total * (long) classCounts[c] % size;
            given += take[c];
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < classCounts.length; c++) {
            order.add(c);
        }
        order.sort((a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int i = 0; given < total; i++) {
            take[order.get(i)]++;
            given++;
        }
        return take;
    }

    /**
     * Marks a stratified sample of the items.
     *
     * @param labels  (n) class of each item, in 0..classCount−1
     * @param take    (classCount) how many of each class to draw
     * @param random  decides which members are drawn; consumed in class order
     * @return (n) true for drawn items
     */
    static boolean[] draw(int[] labels, int[] take, SplittableRandom random) {
        int classCount = take.length;
        int[][] members = membersByClass(labels, classCount);
        boolean[] drawn = new boolean[labels.length];
        for (int c = 0; c < classCount; c++) {
            int[] m = members[c];
            // Partial Fisher–Yates: the first take[c] slots end up a uniform random draw without replacement.
            for (int i = 0; i < take[c]; i++) {
                int j = i + random.nextInt(m.length - i);
                int t = m[i];
                m[i] = m[j];
                m[j] = t;
                drawn[m[i]] = true;
            }
        }
        return drawn;
    }

    /** Number of items of each class. */
    static int[] countByClass(int[] labels, int classCount) {
        int[] counts = new int[classCount];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static int[][] membersByClass(int[] labels, int classCount) {
        int[] counts = countByClass(labels, classCount);
        int[][] members = new int[classCount][];
        for (int c = 0; c < classCount; c++) {
            members[c] = new int[counts[c]];
        }
        int[] filled = new int[classCount];
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][filled[labels[i]]++] = i;
        }
        return members;
    }
}
