package dev.digitslab.comparison.run;

import java.io.Serializable;

/**
 * One run's predicted class per test image, with the true labels: what the driver needs to compare the two
 * implementations of a seed (agreement, McNemar) without the test images.
 */
public record TestPredictions(String spec, String implementation, long seed, int[] predicted, int[] labels)
        implements Serializable {
}
