package dev.digitslab.datasets;

/**
 * The content of an unsigned-byte IDX file.
 *
 * @param magic      the magic number (2049 for labels, 2051 for images)
 * @param dimensions the sizes from the header, outermost first (e.g. count, rows, cols)
 * @param data       (product of dimensions) the values, row-major
 */
public record IdxArray(int magic, int[] dimensions, byte[] data) {
}
