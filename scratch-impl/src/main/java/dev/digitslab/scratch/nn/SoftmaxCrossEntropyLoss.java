package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.tensor.Tensor;

/**
 * Categorical cross-entropy on a softmax output: loss = −ln p_y = logsumexp(z) − z_y, with the maximum
 * subtracted before exponentiating so nothing overflows and log(0) never occurs. Gradient: (p − onehot)/B.
 */
public final class SoftmaxCrossEntropyLoss implements Loss {

    @Override
    public void rowLosses(Tensor logits, int[] labels, Tensor dLogits, int from, int to, double[] rowLoss) {
        int batch = logits.rows();
        int k = logits.cols();
        for (int r = from; r < to; r++) {
            double logSumExp = logSumExp(logits, r);
            rowLoss[r] = logSumExp - logits.get(r, labels[r]);
            if (dLogits != null) {
                for (int j = 0; j < k; j++) {
                    double p = StrictMath.exp(logits.get(r, j) - logSumExp);
                    dLogits.set(r, j, (p - (j == labels[r] ? 1 : 0)) / batch);
                }
            }
        }
    }

    @Override
    public void probabilities(Tensor logits, Tensor out) {
        int batch = logits.rows();
        int k = logits.cols();
        out.useRows(batch);
        for (int r = 0; r < batch; r++) {
            double logSumExp = logSumExp(logits, r);
            for (int j = 0; j < k; j++) {
                out.set(r, j, StrictMath.exp(logits.get(r, j) - logSumExp));
            }
        }
    }

    /** ln Σ_j e^{z_j} for row r, as max + ln Σ e^{z_j − max}. */
    static double logSumExp(Tensor z, int r) {
        int k = z.cols();
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z.get(r, j));
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += StrictMath.exp(z.get(r, j) - max);
        }
        return max + StrictMath.log(sum);
    }
}
