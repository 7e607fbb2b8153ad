package dev.digitslab.scratch.kernel;

import dev.digitslab.scratch.tensor.DoubleTensor;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Tensor;

/**
 * The three products a dense layer needs, on tensors: forward C = A·B, weight gradient C = Aᵀ·B and input
 * gradient C = A·Bᵀ. float32 tensors go to the selected {@link Kernels}, which read either operand
 * transposed in place, in bands of output rows or columns claimed by the {@link WorkerPool}'s threads; float64 tensors
 * (gradient checks) use the plain double loops.
 *
 * <p>Kernels vectorise along the output row, which is useless for a narrow output (the 10 logits). Then
 * the product is computed transposed, Cᵀ = Bᵀ·Aᵀ, which runs along the long dimension instead and gives
 * bit-identical elements (the same FMA chain over the same p); only the small Cᵀ is transposed afterwards.
 * One instance per network: it owns that buffer, which grows on first use and is then reused, so training
 * does not allocate.
 */
public final class MatrixProducts {
    /** Outputs narrower than this are computed transposed. */
    private static final int NARROW = 16;
    /** Products with fewer multiply-adds than this run on the calling thread (hand-off costs more). */
    private static final long PARALLEL_WORK = 1 << 16;

    /** A column split hands out multiples of this many columns (whole packed panels on any current CPU). */
    private static final int COLUMNS = 32;
    /** A row split hands out multiples of this many rows (whole register blocks). */
    private static final int ROWS = 4;

    private final Kernels kernels;
    private final WorkerPool pool;
    private float[] transposedOutput = new float[0]; // (n, m): Cᵀ before it is transposed into C

    // The product being split over threads; fields instead of a capturing lambda so no call allocates.
    private float[] taskA;
    private float[] taskB;
    private float[] taskC;
    private int taskM;
    private int taskK;
    private int taskN;
    private Kernels.Form taskForm;
    private boolean taskColumnBands;
    private final WorkerPool.ChunkTask bandTask = this::runBands;

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

    /** The threads the products are split over. */
    public WorkerPool pool() {
        return pool;
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
        if (narrow(m, n)) {
            // Cᵀ (n, m) = Bᵀ·Aᵀ: B (k, n) is the transposed left operand, A (m, k) the transposed right one.
            float[] ct = transposedOutput = grow(transposedOutput, n * m);
            run(floats(b), floats(a), ct, n, k, m, Kernels.Form.ATBT);
            transposeInto(ct, n, m, floats(c));
        } else {
            run(floats(a), floats(b), floats(c), m, k, n, Kernels.Form.AB);
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
        if (narrow(m, n)) {
            // Cᵀ (n, m) = Bᵀ·A: B (k, n) is the transposed left operand, A (k, m) the right one as stored.
            float[] ct = transposedOutput = grow(transposedOutput, n * m);
            run(floats(b), floats(a), ct, n, k, m, Kernels.Form.ATB);
            transposeInto(ct, n, m, floats(c));
        } else {
            run(floats(a), floats(b), floats(c), m, k, n, Kernels.Form.ATB);
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
        if (narrow(m, n)) {
            // Cᵀ (n, m) = B·Aᵀ: B (n, k) is the left operand as stored, A (m, k) the transposed right one.
            float[] ct = transposedOutput = grow(transposedOutput, n * m);
            run(floats(b), floats(a), ct, n, k, m, Kernels.Form.ABT);
            transposeInto(ct, n, m, floats(c));
        } else {
            run(floats(a), floats(b), floats(c), m, k, n, Kernels.Form.ABT);
        }
    }

    private static boolean narrow(int m, int n) {
        return n < NARROW && m > n;
    }

    /**
     * C (m, n) = A·B in the given form, cut into bands along C's longer side that the threads claim one at a time,
     * so that the operand every band reads whole (and the kernels prepare once per thread: B's panels for row bands,
     * A's blocks for column bands) is the smaller one.
     */
    private void run(float[] a, float[] b, float[] c, int m, int k, int n, Kernels.Form form) {
        if ((long) m * k * n < PARALLEL_WORK || pool.threads() == 1) {
            kernels.multiplyTile(form, a, b, c, m, k, n, 0, m, 0, n);
            return;
        }
        taskA = a;
        taskB = b;
        taskC = c;
        taskM = m;
        taskK = k;
        taskN = n;
        taskForm = form;
        taskColumnBands = n > m;
        try {
            if (taskColumnBands) {
                pool.forEachChunk(n, pool.chunkSize(n, COLUMNS), bandTask);
            } else {
                pool.forEachChunk(m, pool.chunkSize(m, ROWS), bandTask);
            }
        } finally {
            taskA = null;
            taskB = null;
            taskC = null;
        }
    }

    private void runBands(WorkerPool.Chunks bands) {
        kernels.multiplyBands(taskForm, taskA, taskB, taskC, taskM, taskK, taskN, taskColumnBands, bands);
    }

    /** out (cols, rows) = aᵀ for a (rows, cols). */
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
