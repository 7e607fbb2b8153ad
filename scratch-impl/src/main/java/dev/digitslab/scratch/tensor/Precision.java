package dev.digitslab.scratch.tensor;

/** The number type a network computes in: float32 to train, float64 to check gradients. */
public enum Precision {
    FLOAT,
    DOUBLE;

    /** A zero-filled (rows, cols) tensor of this precision. */
    public Tensor matrix(int rows, int cols) {
        return this == FLOAT ? new FloatTensor(rows, cols) : new DoubleTensor(rows, cols);
    }

    /** A zero-filled vector, stored as a (1, n) matrix. */
    public Tensor vector(int n) {
        return matrix(1, n);
    }
}
