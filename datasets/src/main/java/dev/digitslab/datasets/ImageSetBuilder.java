package dev.digitslab.datasets;

import dev.digitslab.api.data.ImageSet;

/**
 * Builds the float {@link ImageSet} of chosen images straight from raw bytes (one float copy, no more), fed
 * either from images in memory ({@link #build}) or one image at a time as a file is streamed ({@link #offer}),
 * so that the raw pixels of a whole file need not be held while its splits are built.
 */
final class ImageSetBuilder {
    /** (256) byte value → intensity in [0, 1]. */
    private static final float[] SCALE = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            SCALE[b] = b / 255f;
        }
    }

    private final int[] indices;    // (count) which source images, ascending
    private final int[] taskLabels; // (source count) the task label of every source image
    private final byte[] sourceDigits; // (source count) the digit of every source image
    private final int pixels;
    private final int classCount;
    private final float[] features; // (count, pixels)
    private final int[] labels;     // (count)
    private final byte[] digits;    // (count)
    private int filled;

    /**
     * @param indices      (count) which source images, ascending (the output keeps their order)
     * @param taskLabels   (source count) the task label of every source image
     * @param sourceDigits (source count) the digit of every source image
     * @param pixels       pixels per image
     * @param classCount   the task's number of classes
     */
    ImageSetBuilder(int[] indices, int[] taskLabels, byte[] sourceDigits, int pixels, int classCount) {
        this.indices = indices;
        this.taskLabels = taskLabels;
        this.sourceDigits = sourceDigits;
        this.pixels = pixels;
        this.classCount = classCount;
        this.features = new float[indices.length * pixels];
        this.labels = new int[indices.length];
        this.digits = new byte[indices.length];
    }

    /**
     * @param source     raw images
     * @param indices    (count) which images of {@code source}, ascending (the output keeps their order)
     * @param taskLabels (source.count) the task label of every source image
     * @param classCount the task's number of classes
     */
    static ImageSet build(LabelledImages source, int[] indices, int[] taskLabels, int classCount) {
        int pixels = source.pixelCount();
        ImageSetBuilder builder = new ImageSetBuilder(indices, taskLabels, source.labels(), pixels, classCount);
        for (int src : indices) {
            builder.copy(src, source.pixels(), src * pixels);
        }
        return builder.result();
    }

    /**
     * Offers source image {@code image}; it is kept if it is the next chosen one. Images must be offered in
     * ascending order.
     *
     * @param raw (pixels) its unsigned pixel bytes
     */
    void offer(int image, byte[] raw) {
        if (filled < indices.length && indices[filled] == image) {
            copy(image, raw, 0);
        }
    }

    /** The image set, once every chosen image has been offered. */
    ImageSet result() {
        if (filled != indices.length) {
            throw new IllegalStateException(filled + " of " + indices.length + " chosen images were offered");
        }
        return new ImageSet(features, labels, digits, indices.length, pixels, classCount);
    }

    private void copy(int src, byte[] raw, int from) {
        int to = filled * pixels;
        for (int p = 0; p < pixels; p++) {
            features[to + p] = SCALE[raw[from + p] & 0xff];
        }
        labels[filled] = taskLabels[src];
        digits[filled] = sourceDigits[src];
        filled++;
    }
}
