package dev.digitslab.scratch.optim;

import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.scratch.nn.Parameter;
import java.util.List;

/**
 * Updates parameters from their gradients, once per batch. The gradients already include the L2 term;
 * optimisers keep their state (velocities, moments) per parameter, allocated once.
 */
public interface Optimizer {

    /** One update of every parameter from its current gradient. */
    void step();

    /** The optimiser the spec names, for these parameters. */
    static Optimizer of(OptimizerSpec spec, List<Parameter> parameters) {
        return switch (spec.kind()) {
            case SGD -> new SgdOptimizer(spec.learningRate(), parameters);
            case MOMENTUM -> new MomentumOptimizer(spec.learningRate(), spec.momentum(), spec.nesterov(), parameters);
            case ADAM -> new AdamOptimizer(spec.learningRate(), spec.beta1(), spec.beta2(), spec.epsilon(), parameters);
        };
    }
}
