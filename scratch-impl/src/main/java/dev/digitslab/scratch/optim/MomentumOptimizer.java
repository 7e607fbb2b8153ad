package dev.digitslab.scratch.optim;

import dev.digitslab.scratch.nn.Parameter;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient descent with momentum μ, velocity v starting at 0:
 * classical v ← μ·v − lr·g; θ ← θ + v. Nesterov (Deeplearning4j's form):
 * v' ← μ·v − lr·g; θ ← θ − μ·v + (1 + μ)·v'; v ← v'.
 */
public final class MomentumOptimizer implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final List<Parameter> parameters;
    private final List<Tensor> velocities; // one per parameter, same shape

    public MomentumOptimizer(double learningRate, double momentum, boolean nesterov, List<Parameter> parameters) {
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.parameters = List.copyOf(parameters);
        this.velocities = new ArrayList<>();
        for (Parameter p : parameters) {
            velocities.add(p.value().precision().matrix(p.value().rows(), p.value().cols()));
        }
    }

    @Override
    public List<Tensor> state() {
        return List.copyOf(velocities);
    }

    @Override
    public void step() {
        for (int k = 0; k < parameters.size(); k++) {
            Tensor theta = parameters.get(k).value();
            Tensor g = parameters.get(k).gradient();
            Tensor v = velocities.get(k);
            int n = theta.size();
            Precision precision = theta.precision();
            for (int i = 0; i < n; i++) {
                double previous = v.get(i);
                double next = momentum * previous - learningRate * g.get(i);
                v.set(i, precision.flushSubnormal(next));
                if (nesterov) {
                    theta.set(i, precision.flushParameter(theta.get(i) - momentum * previous + (1 + momentum) * next));
                } else {
                    theta.set(i, precision.flushParameter(theta.get(i) + next));
                }
            }
        }
    }
}
