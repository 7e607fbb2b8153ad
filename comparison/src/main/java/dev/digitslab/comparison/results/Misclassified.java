package dev.digitslab.comparison.results;

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
public record Misclassified(int index, int digit, int label, int predicted, double confidence, String pixels) {
}
