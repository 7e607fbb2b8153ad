package dev.digitslab.scratch.tensor;

/**
 * A row-major matrix (rows, cols) of numbers in one {@link Precision}: the one storage type every layer,
 * loss and optimiser is written against, so the same layer code trains in float32 and is gradient-checked
 * in float64. Element-wise code reads and writes through {@link #get}/{@link #set} in double; matrix
 * products go to the kernels, which work on the raw arrays.
 *
 * <p>A tensor is allocated once for the largest batch it will hold ({@link #capacityRows()}); each batch
 * then sets how many rows are in use with {@link #useRows}, so the training loop never allocates.
 */
public abstract sealed class Tensor permits FloatTensor, DoubleTensor {
    /** The longest array every JVM allocates; elements are indexed with int. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private final int capacityRows;
    private final int cols;
    private int rows;

    Tensor(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative tensor shape (" + rows + ", " + cols + ")");
        }
        if ((long) rows * cols > MAX_ELEMENTS) {
            throw new IllegalArgumentException("a tensor of shape (" + rows + ", " + cols + ") would have "
                    + (long) rows * cols + " elements, more than an array can hold (" + MAX_ELEMENTS + ")");
        }
        this.capacityRows = rows;
        this.cols = cols;
        this.rows = rows;
    }

    public abstract Precision precision();

    /** Element {@code i} of the flat row-major view (i < {@link #size()}). */
    public abstract double get(int i);

    public abstract void set(int i, double value);

    public final double get(int row, int col) {
        return get(row * cols + col);
    }

    public final void set(int row, int col, double value) {
        set(row * cols + col, value);
    }

    public final void add(int i, double value) {
        set(i, get(i) + value);
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    public final int capacityRows() {
        return capacityRows;
    }

    /** Number of elements in use: rows × cols. */
    public final int size() {
        return rows * cols;
    }

    /** Uses the first {@code n} rows of the allocated storage (a batch smaller than the largest one). */
    public final Tensor useRows(int n) {
        if (n < 0 || n > capacityRows) {
            throw new IllegalArgumentException("tensor holds at most " + capacityRows + " rows, asked for " + n);
        }
        rows = n;
        return this;
    }

    public final void fill(double value) {
        int n = size();
        for (int i = 0; i < n; i++) {
            set(i, value);
        }
    }

    /** Copies {@code source}'s elements in use (same shape) into this tensor. */
    public final void copyFrom(Tensor source) {
        requireSameShape(source);
        int n = size();
        for (int i = 0; i < n; i++) {
            set(i, source.get(i));
        }
    }

    /** Sets every element in use from {@code values} (length must equal {@link #size()}). */
    public final void copyFrom(float[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " values for a (" + rows + ", " + cols
                    + ") tensor, found " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            set(i, values[i]);
        }
    }

    /** The elements in use as a new float array (the shared parameter layout is float32). */
    public final float[] toFloatArray() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }

    public final void requireSameShape(Tensor other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shape (" + other.rows + ", " + other.cols + ") does not match ("
                    + rows + ", " + cols + ")");
        }
    }

    @Override
    public String toString() {
        return precision() + " tensor (" + rows + ", " + cols + ")";
    }
}
