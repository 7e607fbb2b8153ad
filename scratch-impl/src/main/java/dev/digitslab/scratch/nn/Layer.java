package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.tensor.Tensor;
import java.util.List;

/**
 * One step of the network, with the derivative beside the function (micrograd style). {@code forward}
 * caches what {@code backward} needs; {@code backward} must follow the {@code forward} of the same batch.
 * Returned tensors are the layer's own buffers, valid until its next call.
 */
public interface Layer {

    /**
     * @param x        (batch, inputs)
     * @param training true while training (dropout drops, batch norm uses batch statistics)
     * @return (batch, outputs)
     */
    Tensor forward(Tensor x, boolean training);

    /**
     * @param dy (batch, outputs) ∂J/∂output
     * @return (batch, inputs) ∂J/∂input, or null for a layer told not to compute it (the first layer)
     */
    Tensor backward(Tensor dy);

    /** Trainable parameters, whose gradients {@code backward} fills. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
