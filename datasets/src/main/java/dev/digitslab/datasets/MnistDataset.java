package dev.digitslab.datasets;

import java.io.IOException;

/**
 * The official MNIST training and test sets as raw bytes, read and validated from verified IDX files.
 *
 * @param train the 60,000 official training images
 * @param test  the 10,000 official test images
 * @param files where they were read from
 */
public record MnistDataset(LabelledImages train, LabelledImages test, MnistFiles files) {
    public static final int CLASS_COUNT = 10;

    /** Reads all four files (about 55 MB) and validates them. */
    public static MnistDataset read(MnistFiles files) throws IOException {
        LabelledImages train = IdxReader.readLabelled(files.path(MnistFile.TRAIN_IMAGES),
                files.path(MnistFile.TRAIN_LABELS), CLASS_COUNT);
        LabelledImages test = IdxReader.readLabelled(files.path(MnistFile.TEST_IMAGES),
                files.path(MnistFile.TEST_LABELS), CLASS_COUNT);
        return new MnistDataset(train, test, files);
    }
}
