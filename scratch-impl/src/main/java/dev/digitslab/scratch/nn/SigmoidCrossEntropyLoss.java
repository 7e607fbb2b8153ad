package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.tensor.Tensor;

/**
 * Binary cross-entropy on one sigmoid output p = σ(z), label y ∈ {0, 1}:
 * −[y·ln p + (1−y)·ln(1−p)] = max(z, 0) − z·y + ln(1 + e^−|z|), finite for every finite z.
 * Gradient: (σ(z) − y)/B.
 */
public final class SigmoidCrossEntropyLoss implements Loss {

    @Override
    public void rowLosses(Tensor logits, int[] labels, Tensor dLogits, int from, int to, double[] rowLoss) {
        requireOneOutput(logits);
        int batch = logits.rows();
        for (int r = from; r < to; r++) {
            double z = logits.get(r);
            int y = labels[r];
            rowLoss[r] = Math.max(z, 0) - z * y + StrictMath.log1p(StrictMath.exp(-Math.abs(z)));
            if (dLogits != null) {
                dLogits.set(r, (ActivationLayer.sigmoid(z) - y) / batch);
            }
        }
    }

    @Override
    public void probabilities(Tensor logits, Tensor out) {
        requireOneOutput(logits);
        int batch = logits.rows();
        out.useRows(batch);
        for (int r = 0; r < batch; r++) {
            out.set(r, ActivationLayer.sigmoid(logits.get(r)));
        }
    }

    private static void requireOneOutput(Tensor logits) {
        if (logits.cols() != 1) {
            throw new IllegalArgumentException("binary cross-entropy needs one output column, found " + logits.cols());
        }
    }
}
