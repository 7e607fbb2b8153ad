package dev.digitslab.scratch.kernel;

import dev.digitslab.scratch.tensor.DoubleTensor;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Tensor;

/**
 * The three products a dense layer needs, on tensors: forward C = A·B, weight gradient C = Aᵀ·B and input
 * gradient C = A·Bᵀ. float32 tensors go to the selected {@link Kernels}, split by output rows over the
 * {@link WorkerPool}; float64 tensors (gradient checks) use the plain double loops.
 *
 * <p>Kernels vectorise along the output row, which is useless for a narrow output (the 10 logits). Then
 * the product is computed transposed, Cᵀ = Bᵀ·Aᵀ, which runs along the long dimension instead and gives
 * bit-identical elements (the same FMA chain over the same p). One instance per network: it owns the
 * scratch buffers for transposes, which grow on first use and are then reused, so training does not
 * allocate.
 */
public final class MatrixProducts {
    /** Outputs narrower than this are computed transposed. */
    private static final int NARROW = 16;
    /** Products with fewer multiply-adds than this run on the calling thread (hand-off costs more). */
    private static final long PARALLEL_WORK = 1 << 16;

    private final Kernels kernels;
    private final WorkerPool pool;
    private float[] transposedInput = new float[0];  // (k, m) or (n, k): an operand transposed
    private float[] transposedOutput = new float[0]; // (n, m): Cᵀ before it is transposed into C

    // The product being split over threads; fields instead of a capturing lambda so no call allocates.
    private float[] taskA;
    private float[] taskB;
    private float[] taskC;
    private int taskM;
    private int taskK;
    private int taskN;
    private boolean taskTransposedA;
    private final WorkerPool.RowTask rowTask = this::runRows;

    public MatrixProducts(Kernels kernels, WorkerPool pool) {
        this.kernels = kernels;
        this.pool = pool;
    }

    /** Products with the JVM's selected kernels on the shared pool. */
    public static MatrixProducts standard() {
        return new MatrixProducts(KernelSelection.kernels(), WorkerPool.shared());
    }

    public Kernels kernels() {
        return kernels;
    }

    /** C = A·B: A (m, k), B (k, n), C (m, n). */
    public void multiply(Tensor a, Tensor b, Tensor c) {
        int m = a.rows();
        int k = a.cols();
        int n = b.cols();
        check(b.rows() == k && c.rows() == m && c.cols() == n, "A·B", a, b, c);
        if (c instanceof DoubleTensor dc) {
            ScalarKernels.multiply(doubles(a), doubles(b), dc.data(), m, k, n);
            return;
        }
        float[] fa = floats(a);
        float[] fb = floats(b);
        float[] fc = floats(c);
        if (narrow(m, n)) {
            // Cᵀ (n, m) = Bᵀ·Aᵀ, with B read as the transposed left operand and Aᵀ materialised.
            float[] at = transpose(fa, m, k, transposedInput = grow(transposedInput, k * m));
            float[] ct = transposedOutput = grow(transposedOutput, n * m);
            run(fb, at, ct, n, k, m, true);
            transposeInto(ct, n, m, fc);
        } else {
            run(fa, fb, fc, m, k, n, false);
        }
    }

    /** C = Aᵀ·B: A (k, m), B (k, n), C (m, n). */
    public void multiplyTransposedA(Tensor a, Tensor b, Tensor c) {
        int k = a.rows();
        int m = a.cols();
        int n = b.cols();
        check(b.rows() == k && c.rows() == m && c.cols() == n, "Aᵀ·B", a, b, c);
        if (c instanceof DoubleTensor dc) {
            ScalarKernels.multiplyTransposedA(doubles(a), doubles(b), dc.data(), m, k, n);
            return;
        }
        float[] fa = floats(a);
        float[] fb = floats(b);
        float[] fc = floats(c);
        if (narrow(m, n)) {
            // Cᵀ (n, m) = Bᵀ·A: B read as the transposed left operand, A as stored.
            float[] ct = transposedOutput = grow(transposedOutput, n * m);
            run(fb, fa, ct, n, k, m, true);
            transposeInto(ct, n, m, fc);
        } else {
            run(fa, fb, fc, m, k, n, true);
        }
    }

    /** C = A·Bᵀ: A (m, k), B (n, k), C (m, n). */
    public void multiplyTransposedB(Tensor a, Tensor b, Tensor c) {
        int m = a.rows();
        int k = a.cols();
        int n = b.rows();
        check(b.cols() == k && c.rows() == m && c.cols() == n, "A·Bᵀ", a, b, c);
        if (c instanceof DoubleTensor dc) {
            ScalarKernels.multiplyTransposedB(doubles(a), doubles(b), dc.data(), m, k, n);
            return;
        }
        float[] fa = floats(a);
        float[] fb = floats(b);
        float[] fc = floats(c);
        if (narrow(m, n)) {
            // Cᵀ (n, m) = B·Aᵀ with Aᵀ materialised.
            float[] at = transpose(fa, m, k, transposedInput = grow(transposedInput, k * m));
            float[] ct = transposedOutput = grow(transposedOutput, n * m);
            run(fb, at, ct, n, k, m, false);
            transposeInto(ct, n, m, fc);
        } else {
            float[] bt = transpose(fb, n, k, transposedInput = grow(transposedInput, k * n));
            run(fa, bt, fc, m, k, n, false);
        }
    }

    private static boolean narrow(int m, int n) {
        return n < NARROW && m > n;
    }

    /** C (m, n) = A·B, or Aᵀ·B when {@code transposedA} (A stored (k, m)), split by rows of C. */
    private void run(float[] a, float[] b, float[] c, int m, int k, int n, boolean transposedA) {
        if ((long) m * k * n < PARALLEL_WORK || pool.threads() == 1) {
            rows(a, b, c, m, k, n, transposedA, 0, m);
            return;
        }
        taskA = a;
        taskB = b;
        taskC = c;
        taskM = m;
        taskK = k;
        taskN = n;
        taskTransposedA = transposedA;
        try {
            pool.forEachRange(m, rowTask);
        } finally {
            taskA = null;
            taskB = null;
            taskC = null;
        }
    }

    private void runRows(int from, int to) {
        rows(taskA, taskB, taskC, taskM, taskK, taskN, taskTransposedA, from, to);
    }

    private void rows(float[] a, float[] b, float[] c, int m, int k, int n, boolean transposedA, int from, int to) {
        if (transposedA) {
            kernels.multiplyTransposedARows(a, b, c, m, k, n, from, to);
        } else {
            kernels.multiplyRows(a, b, c, k, n, from, to);
        }
    }

    /** out (cols, rows) = aᵀ for a (rows, cols); returns out. */
    private static float[] transpose(float[] a, int rows, int cols, float[] out) {
        transposeInto(a, rows, cols, out);
        return out;
    }

    private static void transposeInto(float[] a, int rows, int cols, float[] out) {
        // Tiles keep both the reads and the writes within a few cache lines.
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int col = c0; col < c1; col++) {
                        out[col * rows + r] = a[r * cols + col];
                    }
                }
            }
        }
    }

    private static float[] grow(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }

    private static float[] floats(Tensor t) {
        if (t instanceof FloatTensor f) {
            return f.data();
        }
        throw new IllegalArgumentException("cannot mix precisions in one product: " + t);
    }

    private static double[] doubles(Tensor t) {
        if (t instanceof DoubleTensor d) {
            return d.data();
        }
        throw new IllegalArgumentException("cannot mix precisions in one product: " + t);
    }

    private static void check(boolean ok, String what, Tensor a, Tensor b, Tensor c) {
        if (!ok) {
            throw new IllegalArgumentException("shapes do not fit " + what + ": A " + shape(a) + ", B " + shape(b)
                    + ", C " + shape(c));
        }
    }

    private static String shape(Tensor t) {
        return "(" + t.rows() + ", " + t.cols() + ")";
    }
}
