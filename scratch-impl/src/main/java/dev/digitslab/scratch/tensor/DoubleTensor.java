package dev.digitslab.scratch.tensor;

/** float64 storage: what the finite-difference gradient checks use. */
public final class DoubleTensor extends Tensor {
    private final double[] data; // (capacityRows, cols) row-major

    DoubleTensor(int rows, int cols) {
        super(rows, cols);
        this.data = new double[rows * cols];
    }

    /** The backing array, for the kernels; only the first {@link #size()} entries are in use. */
    public double[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.DOUBLE;
    }

    @Override
    public double get(int i) {
        return data[i];
    }

    @Override
    public void set(int i, double value) {
        data[i] = value;
    }
}
