package dev.digitslab.api.data;

import java.util.Objects;

/**
 * Labelled images, flattened row-major and scaled to [0, 1]: the data contract both implementations
 * read. The arrays are shared, not copied; nobody writes to them after construction.
 *
 * @param features     (count, featureCount) pixel intensities in [0, 1], image rows concatenated
 * @param labels       (count) class index per image: the digit for multiclass, 0/1 for binary tasks
 * @param digits       (count) the original digit of each image (for reports and per-digit analysis)
 * @param count        number of images
 * @param featureCount pixels per image (784 for MNIST)
 * @param classCount   number of classes of the task (10, or 2 for binary tasks)
 */
public record ImageSet(float[] features, int[] labels, byte[] digits, int count, int featureCount, int classCount) {

    public ImageSet {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(digits, "digits");
        if ((long) count * featureCount != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values, expected count "
                    + count + " x featureCount " + featureCount);
        }
        if (labels.length != count || digits.length != count) {
            throw new IllegalArgumentException("labels/digits have " + labels.length + "/" + digits.length
                    + " entries, expected " + count);
        }
    }

    /** Width of the network output for this task: 1 for binary (P(label 1)), else the class count. */
    public int outputCount() {
        return classCount == 2 ? 1 : classCount;
    }

    /** Copies the rows {@code order[from..to)} into {@code x} (batch, featureCount). */
    public void gatherFeatures(int[] order, int from, int to, float[] x) {
        gatherFeatures(order, from, to, x, 0);
    }

    /**
     * Copies the rows {@code order[from..to)} into rows {@code firstRow, firstRow + 1, …} of {@code x}
     * (batch, featureCount): a part of a batch, for gathering one batch on several threads.
     */
    public void gatherFeatures(int[] order, int from, int to, float[] x, int firstRow) {
        for (int r = from; r < to; r++) {
            System.arraycopy(features, order[r] * featureCount, x, (firstRow + r - from) * featureCount,
                    featureCount);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSet s && count == s.count && featureCount == s.featureCount
                && classCount == s.classCount && java.util.Arrays.equals(features, s.features)
                && java.util.Arrays.equals(labels, s.labels) && java.util.Arrays.equals(digits, s.digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, featureCount, classCount, java.util.Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "ImageSet[" + count + " x " + featureCount + ", " + classCount + " classes]";
    }
}
