package dev.digitslab.datasets;

import dev.digitslab.api.data.ImageSet;

/** Builds the float {@link ImageSet} of chosen images straight from raw bytes (one float copy, no more). */
final class ImageSetBuilder {
    /** (256) byte value → intensity in [0, 1]. */
    private static final float[] SCALE = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            SCALE[b] = b / 255f;
        }
    }

    private ImageSetBuilder() {
    }

    /**
     * @param source     raw images
     * @param indices    (count) which images of {@code source}, in output order
     * @param taskLabels (source.count) the task label of every source image
     * @param classCount the task's number of classes
     */
    static ImageSet build(LabelledImages source, int[] indices, int[] taskLabels, int classCount) {
        int pixels = source.pixelCount();
        float[] features = new float[indices.length * pixels]; // (count, pixels)
        int[] labels = new int[indices.length];                 // (count)
        byte[] digits = new byte[indices.length];               // (count)
        byte[] raw = source.pixels();
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i];
            int from = src * pixels;
            int to = i * pixels;
            for (int p = 0; p < pixels; p++) {
                features[to + p] = SCALE[raw[from + p] & 0xff];
            }
            labels[i] = taskLabels[src];
            digits[i] = source.labels()[src];
        }
        return new ImageSet(features, labels, digits, indices.length, pixels, classCount);
    }
}
