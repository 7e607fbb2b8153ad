package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;

/**
 * A trainable tensor and its gradient, which backward overwrites each batch. {@code l2} marks dense
 * weights: the only parameters the L2 penalty applies to (never biases or batch-norm γ/β).
 */
public final class Parameter {
    private final String name;
    private final Tensor value;    // (rows, cols) of the layer's parameter
    private final Tensor gradient; // (rows, cols), ∂J/∂value for the current batch
    private final boolean l2;

    public Parameter(String name, Precision precision, int rows, int cols, boolean l2) {
        this.name = name;
        this.value = precision.matrix(rows, cols);
        this.gradient = precision.matrix(rows, cols);
        this.l2 = l2;
    }

    /** e.g. "dense[0].weights": for messages and tests. */
    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor gradient() {
        return gradient;
    }

    /** True for dense weights, which the L2 penalty (λ/2)·Σw² covers. */
    public boolean l2() {
        return l2;
    }

    @Override
    public String toString() {
        return name + " " + value;
    }
}
