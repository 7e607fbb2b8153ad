package dev.digitslab.api.train;

/**
 * Loss and accuracy from output probabilities: the one place these are computed, for training history
 * and for the comparison's evaluator alike.
 *
 * <p>Probabilities are (count, outputs) row-major: one column P(label 1) for binary tasks, one column per
 * class otherwise. The loss clips probabilities to [{@value #PROBABILITY_FLOOR}, 1 − {@value #PROBABILITY_FLOOR}]
 * so a confidently wrong float32 output (p rounded to exactly 0 or 1) scores a large finite loss instead
 * of infinity; training losses are computed from logits and need no clipping.
 */
public final class Scores {
    public static final double PROBABILITY_FLOOR = 1e-7;

    private Scores() {
    }

    /** The predicted class of row {@code row}: p ≥ 0.5 for binary, otherwise the arg-max (first on ties). */
    public static int predictedClass(float[] probabilities, int outputs, int row) {
        int at = row * outputs;
        if (outputs == 1) {
            return probabilities[at] >= 0.5f ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < outputs; k++) {
            if (probabilities[at + k] > probabilities[at + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Predicted class of every row. */
    public static int[] predictedClasses(float[] probabilities, int outputs) {
        int n = rows(probabilities, outputs);
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = predictedClass(probabilities, outputs, i);
        }
        return predicted;
    }

    /** Fraction of rows whose predicted class equals the label. */
    public static double accuracy(float[] probabilities, int outputs, int[] labels) {
        int n = checkRows(probabilities, outputs, labels);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (predictedClass(probabilities, outputs, i) == labels[i]) {
                correct++;
            }
        }
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** Mean cross-entropy: binary for one output column, categorical otherwise. */
    public static double loss(float[] probabilities, int outputs, int[] labels) {
        int n = checkRows(probabilities, outputs, labels);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = outputs == 1
                    ? (labels[i] == 1 ? probabilities[i] : 1.0 - probabilities[i])
                    : probabilities[i * outputs + labels[i]];
            sum -= Math.log(Math.min(Math.max(p, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR));
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int rows(float[] probabilities, int outputs) {
        if (outputs <= 0 || probabilities.length % outputs != 0) {
            throw new IllegalArgumentException(probabilities.length + " probabilities do not split into rows of "
                    + outputs);
        }
        return probabilities.length / outputs;
    }

    private static int checkRows(float[] probabilities, int outputs, int[] labels) {
        int n = rows(probabilities, outputs);
        if (n != labels.length) {
            throw new IllegalArgumentException(n + " probability rows for " + labels.length + " labels");
        }
        return n;
    }
}
