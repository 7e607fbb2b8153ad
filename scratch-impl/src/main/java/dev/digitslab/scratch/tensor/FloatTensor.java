package dev.digitslab.scratch.tensor;

/** float32 storage: what training uses. */
public final class FloatTensor extends Tensor {
    private final float[] data; // (capacityRows, cols) row-major

    FloatTensor(int rows, int cols) {
        super(rows, cols);
        this.data = new float[rows * cols];
    }

    /** The backing array, for the kernels; only the first {@link #size()} entries are in use. */
    public float[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT;
    }

    @Override
    public double get(int i) {
        return data[i];
    }

    @Override
    public void set(int i, double value) {
        data[i] = (float) value;
    }
}
