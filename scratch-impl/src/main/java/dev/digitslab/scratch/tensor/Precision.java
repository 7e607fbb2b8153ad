package dev.digitslab.scratch.tensor;

import dev.digitslab.api.params.ParameterFloor;

/** The number type a network computes in: float32 to train, float64 to check gradients. */
public enum Precision {
    FLOAT,
    DOUBLE;

    /** A zero-filled (rows, cols) tensor of this precision. */
    public Tensor matrix(int rows, int cols) {
        return this == FLOAT ? new FloatTensor(rows, cols) : new DoubleTensor(rows, cols);
    }

    /**
     * x as this precision stores it, or 0 where that would be subnormal (below {@link Float#MIN_NORMAL} for float32,
     * {@link Double#MIN_NORMAL} for float64): the optimisers' flush-to-zero rule for their state ({@code
     * Kernels#adamUpdate}).
     */
    public double flushSubnormal(double x) {
        if (this == FLOAT) {
            float f = (float) x;
            return Math.abs(f) < Float.MIN_NORMAL ? 0.0 : f;
        }
        return Math.abs(x) < Double.MIN_NORMAL ? 0.0 : x;
    }

    /**
     * x as this precision stores it, or +0 where that is below {@link ParameterFloor} (2⁻⁶⁴): what every optimiser
     * stores as a parameter ({@code Kernels#adamUpdate}).
     */
    public double flushParameter(double x) {
        return this == FLOAT ? ParameterFloor.apply((float) x) : ParameterFloor.apply(x);
    }

    /** A zero-filled vector, stored as a (1, n) matrix. */
    public Tensor vector(int n) {
        return matrix(1, n);
    }
}
