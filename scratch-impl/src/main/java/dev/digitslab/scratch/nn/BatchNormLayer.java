package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.Kernels;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Batch normalisation per feature. Training: x̂ = (x − μ_B)/√(σ²_B + ε) with the batch mean and the
 * biased (divide-by-batch) variance, y = γ·x̂ + β, and running = decay·running + (1 − decay)·batch.
 * Inference: the running mean and variance replace the batch statistics.
 *
 * <p>The loops below are the definition, used in float64. On float32 tensors (training) the same per-element
 * work runs through {@link Kernels}, vectorised across features: each feature's sums keep their order over
 * the rows, so the result is the loops' to the last bit. The per-feature steps between them (a division, a
 * square root per feature) stay here.
 */
public final class BatchNormLayer implements Layer {
    private final int specIndex;
    private final double decay;
    private final double epsilon;
    private final Parameter gamma;     // (1, features) scale
    private final Parameter beta;      // (1, features) shift
    private final Tensor runningMean;  // (1, features)
    private final Tensor runningVar;   // (1, features), variance not standard deviation
    private final Tensor xHat;         // (batch, features) normalised input of the last training forward
    private final Tensor inverseStd;   // (1, features) 1/√(σ²_B + ε) of the last training forward
    private final Tensor y;            // (batch, features)
    private final Tensor dx;           // (batch, features)
    private final double[] mean;       // (features) batch mean; in backward Σ dy
    private final double[] variance;   // (features) batch variance; in backward Σ dy·x̂
    private final double[] scale;      // (features) 1/√(σ² + ε) or the inference scale; in backward that / B
    private final Kernels kernels;     // for float32 tensors; null: the loops below on float32 too

    public BatchNormLayer(int specIndex, int features, double decay, double epsilon, int capacity,
                          Precision precision) {
        this(specIndex, features, decay, epsilon, capacity, precision, KernelSelection.kernels());
    }

    /** @param kernels what float32 tensors are computed with, or null for this class's own loops (tests) */
    BatchNormLayer(int specIndex, int features, double decay, double epsilon, int capacity, Precision precision,
                   Kernels kernels) {
        this.specIndex = specIndex;
        this.kernels = precision == Precision.FLOAT ? kernels : null;
        this.decay = decay;
        this.epsilon = epsilon;
        this.gamma = new Parameter("batch-norm[" + specIndex + "].gamma", precision, 1, features, false);
        this.beta = new Parameter("batch-norm[" + specIndex + "].beta", precision, 1, features, false);
        this.runningMean = precision.vector(features);
        this.runningVar = precision.vector(features);
        this.xHat = precision.matrix(capacity, features);
        this.inverseStd = precision.vector(features);
        this.y = precision.matrix(capacity, features);
        this.dx = precision.matrix(capacity, features);
        this.mean = new double[features];
        this.variance = new double[features];
        this.scale = new double[features];
        gamma.value().fill(1);
        runningVar.fill(1);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int batch = x.rows();
        int f = features();
        y.useRows(batch);
        boolean fast = kernels != null && x instanceof FloatTensor;
        if (!training) {
            for (int j = 0; j < f; j++) {
                scale[j] = gamma.value().get(j) / Math.sqrt(runningVar.get(j) + epsilon);
            }
            if (fast) { // the loop below, vectorised
                kernels.batchNormInference(data(x), data(runningMean), scale, data(beta.value()), data(y), batch, f);
                return y;
            }
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < f; j++) {
                    y.set(r, j, scale[j] * (x.get(r, j) - runningMean.get(j)) + beta.value().get(j));
                }
            }
            return y;
        }
        xHat.useRows(batch);
        // Each loop runs over rows in storage order, per feature summing over r ascending as the definition does.
        Arrays.fill(mean, 0);
        if (fast) {
            kernels.addColumnSums(data(x), batch, f, mean); // the loop below, vectorised
        } else {
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < f; j++) {
                    mean[j] += x.get(r, j);
                }
            }
        }
        Arrays.fill(variance, 0);
        for (int j = 0; j < f; j++) {
            mean[j] /= batch;
        }
        if (fast) {
            kernels.addSquaredDeviations(data(x), mean, batch, f, variance); // the loop below, vectorised
        } else {
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < f; j++) {
                    double d = x.get(r, j) - mean[j];
                    variance[j] += d * d;
                }
            }
        }
        for (int j = 0; j < f; j++) {
            variance[j] /= batch;                         // biased, as the spec defines
            scale[j] = 1 / Math.sqrt(variance[j] + epsilon);
            inverseStd.set(j, scale[j]);
        }
        if (fast) { // the loop below, vectorised
            kernels.batchNormForward(data(x), mean, scale, data(gamma.value()), data(beta.value()), data(xHat),
                    data(y), batch, f);
        } else {
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < f; j++) {
                    double h = (x.get(r, j) - mean[j]) * scale[j];
                    xHat.set(r, j, h);
                    y.set(r, j, gamma.value().get(j) * h + beta.value().get(j));
                }
            }
        }
        for (int j = 0; j < f; j++) {
            runningMean.set(j, decay * runningMean.get(j) + (1 - decay) * mean[j]);
            runningVar.set(j, decay * runningVar.get(j) + (1 - decay) * variance[j]);
        }
        return y;
    }

    /**
     * With ĝ = ∂J/∂x̂ = dy·γ, the batch statistics' dependence on x gives
     * ∂x = (1/B)·(1/√(σ²+ε))·(B·ĝ − Σĝ − x̂·Σ(ĝ·x̂)); ∂γ = Σ dy·x̂; ∂β = Σ dy.
     */
    @Override
    public Tensor backward(Tensor dy) {
        int batch = dy.rows();
        int f = features();
        dx.useRows(batch);
        double[] sumDy = mean;          // the forward's statistics are no longer needed
        double[] sumDyXHat = variance;
        Arrays.fill(sumDy, 0);
        Arrays.fill(sumDyXHat, 0);
        boolean fast = kernels != null && dy instanceof FloatTensor;
        if (fast) {
            kernels.addBatchNormGradientSums(data(dy), data(xHat), batch, f, sumDy, sumDyXHat); // the loop below
        } else {
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < f; j++) {
                    sumDy[j] += dy.get(r, j);
                    sumDyXHat[j] += dy.get(r, j) * xHat.get(r, j);
                }
            }
        }
        for (int j = 0; j < f; j++) {
            gamma.gradient().set(j, sumDyXHat[j]);
            beta.gradient().set(j, sumDy[j]);
            scale[j] = inverseStd.get(j) / batch;
        }
        // Σĝ = γ·Σdy and Σ(ĝ·x̂) = γ·Σ(dy·x̂)
        if (fast) { // the loop below, vectorised
            kernels.batchNormInputGradient(data(dy), data(xHat), data(gamma.value()), sumDy, sumDyXHat, scale, batch,
                    f, data(dx));
            return dx;
        }
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < f; j++) {
                double g = gamma.value().get(j);
                double gHat = dy.get(r, j) * g;
                dx.set(r, j, scale[j] * (batch * gHat - g * sumDy[j] - xHat.get(r, j) * g * sumDyXHat[j]));
            }
        }
        return dx;
    }

    /** The float32 storage of a tensor of this layer's precision, when the kernels are in use. */
    private static float[] data(Tensor t) {
        return ((FloatTensor) t).data();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    public int specIndex() {
        return specIndex;
    }

    public int features() {
        return gamma.value().cols();
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }
}
