package dev.digitslab.comparison.results;

import java.io.Serializable;

/**
 * One direction of the weight-transfer study: parameters trained by {@code trainedBy}, loaded into
 * {@code runBy}, and the whole test set run through both.
 *
 * @param maxAbsProbabilityDifference largest |p_trainedBy − p_runBy| over every test image and class
 * @param differingPredictions        test images whose predicted class differs
 * @param accuracyTrainedBy           test accuracy in the implementation that trained the weights
 * @param accuracyRunBy               test accuracy of the same weights in the other implementation
 */
public record TransferResult(String spec, long seed, String trainedBy, String runBy, int testCount,
                             double maxAbsProbabilityDifference, int differingPredictions,
                             double accuracyTrainedBy, double accuracyRunBy) implements Serializable {
}
