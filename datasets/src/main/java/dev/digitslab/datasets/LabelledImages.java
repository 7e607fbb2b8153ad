package dev.digitslab.datasets;

import java.util.Objects;

/**
 * Images as their raw unsigned bytes with one label each, as read from IDX or CSV files (not yet scaled
 * or split). Arrays are shared, not copied; nobody writes to them after construction.
 *
 * @param pixels (count, rows * cols) unsigned pixel bytes, row-major, images concatenated
 * @param labels (count) label per image (the digit, for MNIST)
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 */
public record LabelledImages(byte[] pixels, byte[] labels, int count, int rows, int cols) {

    public LabelledImages {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if ((long) count * rows * cols != pixels.length || labels.length != count) {
            throw new IllegalArgumentException("pixels/labels have " + pixels.length + "/" + labels.length
                    + " entries, expected " + count + " x " + rows + " x " + cols + " and " + count);
        }
    }

    /** Pixels per image. */
    public int pixelCount() {
        return rows * cols;
    }

    /** The label of image {@code i} as an int in 0..255. */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Pixel {@code p} of image {@code i} as an int in 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * pixelCount() + p] & 0xff;
    }
}
