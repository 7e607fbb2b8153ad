package dev.digitslab.comparison.eval;

import java.io.Serializable;

/**
 * Precision, recall and F1 of one class, one-vs-rest. An undefined ratio (no predictions of the class,
 * or no examples of it) is reported as 0, as scikit-learn does with {@code zero_division=0}.
 */
public record ClassMetrics(int label, long support, double precision, double recall, double f1)
        implements Serializable {

    static ClassMetrics of(ConfusionMatrix m, int c) {
        long tp = m.get(c, c);
        long predicted = m.predicted(c);
        long actual = m.actual(c);
        double precision = predicted == 0 ? 0 : (double) tp / predicted;
        double recall = actual == 0 ? 0 : (double) tp / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(c, actual, precision, recall, f1);
    }
}
