package dev.digitslab.comparison.eval;

/**
 * Counts of (true class, predicted class) pairs. Rows are true classes, columns predicted classes.
 *
 * @param counts (classes, classes) row-major: counts[t * classes + p]
 */
public record ConfusionMatrix(int classes, long[] counts) {

    public ConfusionMatrix {
        if (counts.length != classes * classes) {
            throw new IllegalArgumentException(counts.length + " counts for " + classes + " classes");
        }
    }

    public static ConfusionMatrix of(int classes, int[] labels, int[] predicted) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
        }
        long[] counts = new long[classes * classes];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i] * classes + predicted[i]]++;
        }
        return new ConfusionMatrix(classes, counts);
    }

    public long get(int trueClass, int predictedClass) {
        return counts[trueClass * classes + predictedClass];
    }

    /** Examples whose true class is {@code c} (row sum). */
    public long actual(int c) {
        long n = 0;
        for (int p = 0; p < classes; p++) {
            n += get(c, p);
        }
        return n;
    }

    /** Examples predicted as {@code c} (column sum). */
    public long predicted(int c) {
        long n = 0;
        for (int t = 0; t < classes; t++) {
            n += get(t, c);
        }
        return n;
    }

    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    public long correct() {
        long n = 0;
        for (int c = 0; c < classes; c++) {
            n += get(c, c);
        }
        return n;
    }

    /** As a (classes, classes) nested array, for JSON and charts. */
    public long[][] rows() {
        long[][] rows = new long[classes][classes];
        for (int t = 0; t < classes; t++) {
            System.arraycopy(counts, t * classes, rows[t], 0, classes);
        }
        return rows;
    }
}
