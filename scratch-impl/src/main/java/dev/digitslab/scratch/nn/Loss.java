package dev.digitslab.scratch.nn;

import dev.digitslab.api.spec.LossKind;
import dev.digitslab.scratch.tensor.Tensor;

/**
 * A loss on the logits of the output layer, fused with its output activation (softmax or sigmoid) so it
 * is computed stably from logits; the mean over the batch, as the spec defines.
 */
public interface Loss {

    /**
     * @param logits  (batch, outputs) output of the last dense layer, before its activation
     * @param labels  (≥ batch) class index per row; the first {@code logits.rows()} are used
     * @param dLogits (batch, outputs) receives ∂(mean loss)/∂logits
     * @return the mean loss over the batch
     */
    default double lossAndGradient(Tensor logits, int[] labels, Tensor dLogits) {
        return compute(logits, labels, dLogits.useRows(logits.rows()));
    }

    /** The mean loss alone. */
    default double loss(Tensor logits, int[] labels) {
        return compute(logits, labels, null);
    }

    /** The mean loss, and the gradient into {@code dLogits} (batch, outputs) unless it is null. */
    default double compute(Tensor logits, int[] labels, Tensor dLogits) {
        double[] rowLoss = new double[logits.rows()];
        rowLosses(logits, labels, dLogits, 0, logits.rows(), rowLoss);
        return mean(rowLoss, logits.rows());
    }

    /**
     * Rows [from, to) alone: rows are independent, so a batch can be split over threads. {@code rowLoss[r]}
     * receives row r's loss, and row r of {@code dLogits} (unless null) ∂(mean loss)/∂logits, whose mean is over
     * all {@code logits.rows()} rows.
     */
    void rowLosses(Tensor logits, int[] labels, Tensor dLogits, int from, int to, double[] rowLoss);

    /** The mean of {@code rowLoss[0..batch)}, summed in row order (so the split never changes it). */
    static double mean(double[] rowLoss, int batch) {
        double total = 0;
        for (int r = 0; r < batch; r++) {
            total += rowLoss[r];
        }
        return total / batch;
    }

    /** Output probabilities (batch, outputs) from logits: the inference-mode output activation. */
    void probabilities(Tensor logits, Tensor out);

    static Loss of(LossKind kind) {
        return switch (kind) {
            case BINARY_CROSS_ENTROPY -> new SigmoidCrossEntropyLoss();
            case CATEGORICAL_CROSS_ENTROPY -> new SoftmaxCrossEntropyLoss();
        };
    }
}
