package dev.digitslab.scratch.optim;

import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.scratch.kernel.WorkerPool;
import dev.digitslab.scratch.nn.Parameter;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.List;

/**
 * Updates parameters from their gradients, once per batch. The gradients already include the L2 term;
 * optimisers keep their state (velocities, moments) per parameter, allocated once.
 */
public interface Optimizer {

    /** One update of every parameter from its current gradient. */
    void step();

    /** The state tensors it keeps (moments, velocities), read-only by contract: for diagnostics. */
    default List<Tensor> state() {
        return List.of();
    }

    /** The optimiser the spec names, for these parameters, on the calling thread. */
    static Optimizer of(OptimizerSpec spec, List<Parameter> parameters) {
        return of(spec, parameters, null);
    }

    /**
     * The optimiser the spec names, for these parameters; Adam updates large float32 parameters with all of the
     * pool's threads (null: the calling thread only).
     */
    static Optimizer of(OptimizerSpec spec, List<Parameter> parameters, WorkerPool pool) {
        if (spec instanceof OptimizerSpec.Sgd sgd) {
            return new SgdOptimizer(sgd.learningRate(), parameters);
        }
        if (spec instanceof OptimizerSpec.Momentum m) {
            return new MomentumOptimizer(m.learningRate(), m.momentum(), m.nesterov(), parameters);
        }
        // The sealed family's last kind.
        OptimizerSpec.Adam adam = (OptimizerSpec.Adam) spec;
        return new AdamOptimizer(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon(), parameters, pool);
    }
}
