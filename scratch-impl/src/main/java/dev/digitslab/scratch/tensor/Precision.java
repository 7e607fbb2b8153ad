package dev.digitslab.scratch.tensor;

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
     * {@link Double#MIN_NORMAL} for float64): the optimisers' flush-to-zero rule ({@code Kernels#adamUpdate}).
     */
    public double flushSubnormal(double x) {
        if (this == FLOAT) {
            float f = (float) x;
            return Math.abs(f) < Float.MIN_NORMAL ? 0.0 : f;
        }
        return Math.abs(x) < Double.MIN_NORMAL ? 0.0 : x;
    }

    /** A zero-filled vector, stored as a (1, n) matrix. */
    public Tensor vector(int n) {
        return matrix(1, n);
    }
}
