package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.List;

/**
 * Batch normalisation per feature. Training: x̂ = (x − μ_B)/√(σ²_B + ε) with the batch mean and the
 * biased (divide-by-batch) variance, y = γ·x̂ + β, and running = decay·running + (1 − decay)·batch.
 * Inference: the running mean and variance replace the batch statistics.
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

    public BatchNormLayer(int specIndex, int features, double decay, double epsilon, int capacity,
                          Precision precision) {
        this.specIndex = specIndex;
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
        gamma.value().fill(1);
        runningVar.fill(1);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int batch = x.rows();
        int f = features();
        y.useRows(batch);
        if (!training) {
            for (int j = 0; j < f; j++) {
                double scale = gamma.value().get(j) / Math.sqrt(runningVar.get(j) + epsilon);
                double mean = runningMean.get(j);
                double shift = beta.value().get(j);
                for (int r = 0; r < batch; r++) {
                    y.set(r, j, scale * (x.get(r, j) - mean) + shift);
                }
            }
            return y;
        }
        xHat.useRows(batch);
        for (int j = 0; j < f; j++) {
            double sum = 0;
            for (int r = 0; r < batch; r++) {
                sum += x.get(r, j);
            }
            double mean = sum / batch;
            double squares = 0;
            for (int r = 0; r < batch; r++) {
                double d = x.get(r, j) - mean;
                squares += d * d;
            }
            double variance = squares / batch; // biased, as the spec defines
            double inv = 1 / Math.sqrt(variance + epsilon);
            inverseStd.set(j, inv);
            double g = gamma.value().get(j);
            double b = beta.value().get(j);
            for (int r = 0; r < batch; r++) {
                double h = (x.get(r, j) - mean) * inv;
                xHat.set(r, j, h);
                y.set(r, j, g * h + b);
            }
            runningMean.set(j, decay * runningMean.get(j) + (1 - decay) * mean);
            runningVar.set(j, decay * runningVar.get(j) + (1 - decay) * variance);
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
        for (int j = 0; j < f; j++) {
            double g = gamma.value().get(j);
            double sumDy = 0;
            double sumDyXHat = 0;
            for (int r = 0; r < batch; r++) {
                sumDy += dy.get(r, j);
                sumDyXHat += dy.get(r, j) * xHat.get(r, j);
            }
            gamma.gradient().set(j, sumDyXHat);
            beta.gradient().set(j, sumDy);
            // Σĝ = γ·Σdy and Σ(ĝ·x̂) = γ·Σ(dy·x̂)
            double scale = inverseStd.get(j) / batch;
            for (int r = 0; r < batch; r++) {
                double gHat = dy.get(r, j) * g;
                dx.set(r, j, scale * (batch * gHat - g * sumDy - xHat.get(r, j) * g * sumDyXHat));
            }
        }
        return dx;
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
