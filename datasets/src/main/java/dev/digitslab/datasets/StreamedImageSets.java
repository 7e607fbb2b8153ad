package dev.digitslab.datasets;

import dev.digitslab.api.data.ImageSet;

/**
 * Builds the image sets of chosen images of one IDX image file while {@link IdxReader#streamImages} streams
 * it, so that only one raw image is held at a time, never the whole file.
 */
final class StreamedImageSets implements IdxReader.ImageSink {
    private final int[][] indices;  // (sets, count of each) which images of the file, ascending
    private final int[] taskLabels; // (file's count) the task label of every image
    private final byte[] digits;    // (file's count) the digit of every image
    private final int classCount;
    private ImageSetBuilder[] builders;

    /**
     * @param indices    per set, which images of the file, ascending
     * @param taskLabels (file's count) the task label of every image
     * @param digits     (file's count) the digit of every image
     * @param classCount the task's number of classes
     */
    StreamedImageSets(int[][] indices, int[] taskLabels, byte[] digits, int classCount) {
        this.indices = indices;
        this.taskLabels = taskLabels;
        this.digits = digits;
        this.classCount = classCount;
    }

    @Override
    public void begin(int rows, int cols) {
        builders = new ImageSetBuilder[indices.length];
        for (int s = 0; s < indices.length; s++) {
            builders[s] = new ImageSetBuilder(indices[s], taskLabels, digits, rows * cols, classCount);
        }
    }

    @Override
    public void accept(int image, byte[] pixels) {
        for (ImageSetBuilder builder : builders) {
            builder.offer(image, pixels);
        }
    }

    /** Set {@code s}, once the whole file has been streamed. */
    ImageSet result(int s) {
        return builders[s].result();
    }
}
