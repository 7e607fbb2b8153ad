package dev.digitslab.comparison.results;

import java.io.Serializable;

/**
 * One misclassified test image, kept with its pixels so reports can draw it without the data set.
 *
 * @param index      row in the task's test split
 * @param digit      the image's digit
 * @param label      its true class
 * @param predicted  the predicted class
 * @param confidence the probability the model gave its (wrong) prediction
 * @param pixels     (rows·cols) grey levels 0-255, base64
 */
public record Misclassified(int index, int digit, int label, int predicted, double confidence, String pixels)
        implements Serializable {
    /** How many of a run's mistakes are kept: the most confident ones, one grid of 6×6. */
    public static final int MAX_PER_RUN = 36;
    /** Grey levels per image: 28×28, the size of every image of the data sets the program reads. */
    public static final int PIXELS = 28 * 28;
}
