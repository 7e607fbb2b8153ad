package dev.digitslab.scratch.optim;

import dev.digitslab.scratch.nn.Parameter;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.List;

/** Plain gradient descent: θ ← θ − lr·g, a θ below 2⁻⁶⁴ stored as 0 ({@link Precision#flushParameter}). */
public final class SgdOptimizer implements Optimizer {
    private final double learningRate;
    private final List<Parameter> parameters;

    public SgdOptimizer(double learningRate, List<Parameter> parameters) {
        this.learningRate = learningRate;
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public void step() {
        for (Parameter p : parameters) {
            Tensor theta = p.value();
            Tensor g = p.gradient();
            int n = theta.size();
            Precision precision = theta.precision();
            for (int i = 0; i < n; i++) {
                theta.set(i, precision.flushParameter(theta.get(i) - learningRate * g.get(i)));
            }
        }
    }
}
