package dev.digitslab.scratch.kernel;

/**
 * The float32 matrix-product kernels: the whole cost of training. Both implementations compute every
 * output element as the same chain of fused multiply-adds, over p in ascending order, starting from +0
 * and skipping terms whose left factor is exactly 0 (most MNIST pixels are 0, and half the ReLU outputs),
 * and finally add +0, which turns a −0 result into +0 and changes nothing else. So {@link ScalarKernels}
 * and {@link VectorKernels} give bit-identical results, on any number of threads, and the scalar one is the
 * readable specification of the fast one.
 *
 * <p>Why the final +0: a fast kernel computes several rows at once and then cannot skip the zeros of one
 * row only. For a finite b, adding 0·b = ±0 leaves every non-zero accumulator as it is, and a zero one zero;
 * only its sign can differ (a −0 accumulator arises only when the first non-zero product underflows below
 * 2⁻¹⁵⁰). With the final +0 both ways give the same bits. A non-finite b (0·∞ is NaN) must not be multiplied
 * by a skipped zero, so fast kernels skip exactly where B holds an infinity or NaN.
 *
 * <p>Work is split by output rows ({@code from..to}) and columns ({@code colFrom..colTo}); a caller may hand
 * different tiles to different threads, because no output element depends on how the output is split.
 */
public interface Kernels {

    /** The four products, by which operands are read transposed. */
    enum Form {
        AB(false, false), ATB(true, false), ABT(false, true), ATBT(true, true);

        private final boolean transposedA;
        private final boolean transposedB;

        Form(boolean transposedA, boolean transposedB) {
            this.transposedA = transposedA;
            this.transposedB = transposedB;
        }

        /** A is stored (k, m) and read as Aᵀ. */
        public boolean transposedA() {
            return transposedA;
        }

        /** B is stored (n, k) and read as Bᵀ. */
        public boolean transposedB() {
            return transposedB;
        }
    }

    /** One line for reports, e.g. "Vector API, 512-bit (16 floats)". */
    String description();

    /** Rows [from, to) and columns [colFrom, colTo) of C (m, n) = op(A)·op(B), k terms, through the form's method. */
    default void multiplyTile(Form form, float[] a, float[] b, float[] c, int m, int k, int n, int from, int to,
                              int colFrom, int colTo) {
        switch (form) {
            case AB -> multiplyRows(a, b, c, k, n, from, to, colFrom, colTo);
            case ATB -> multiplyTransposedARows(a, b, c, m, k, n, from, to, colFrom, colTo);
            case ABT -> multiplyTransposedBRows(a, b, c, k, n, from, to, colFrom, colTo);
            case ATBT -> multiplyTransposedBothRows(a, b, c, m, k, n, from, to, colFrom, colTo);
        }
    }

    /**
     * The bands of C (m, n) = op(A)·op(B) that {@code bands} hands this thread, claimed one after another: columns
     * [from, to) of every row when {@code columnBands}, else rows [from, to) of every column. Each band is exactly
     * {@link #multiplyTile} on it. A fast kernel overrides this to prepare the operand every band reads whole (A for
     * column bands, B for row bands) once per thread instead of once per band.
     */
    default void multiplyBands(Form form, float[] a, float[] b, float[] c, int m, int k, int n, boolean columnBands,
                               WorkerPool.Chunks bands) {
        do {
            if (columnBands) {
                multiplyTile(form, a, b, c, m, k, n, 0, m, bands.from(), bands.to());
            } else {
                multiplyTile(form, a, b, c, m, k, n, bands.from(), bands.to(), 0, n);
            }
        } while (bands.next());
    }

    /**
     * C[i, j] = Σ_p A[i, p]·B[p, j] for rows i in [from, to) and columns j in [colFrom, colTo).
     *
     * @param a (m, k) row-major
     * @param b (k, n) row-major
     * @param c (m, n) row-major; rows from..to, columns colFrom..colTo are overwritten
     */
    void multiplyRows(float[] a, float[] b, float[] c, int k, int n, int from, int to,
                      int colFrom, int colTo);

    /**
     * C[i, j] = Σ_p A[p, i]·B[p, j] for rows i in [from, to) and columns j in [colFrom, colTo): the product
     * Aᵀ·B without materialising Aᵀ.
     *
     * @param a (k, m) row-major
     * @param b (k, n) row-major
     * @param c (m, n) row-major; rows from..to, columns colFrom..colTo are overwritten
     */
    void multiplyTransposedARows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to,
                                 int colFrom, int colTo);

    /**
     * C[i, j] = Σ_p A[i, p]·B[j, p] for rows i in [from, to) and columns j in [colFrom, colTo): the product
     * A·Bᵀ without materialising Bᵀ.
     *
     * @param a (m, k) row-major
     * @param b (n, k) row-major
     * @param c (m, n) row-major; rows from..to, columns colFrom..colTo are overwritten
     */
    void multiplyTransposedBRows(float[] a, float[] b, float[] c, int k, int n, int from, int to,
                                 int colFrom, int colTo);

    /**
     * C[i, j] = Σ_p A[p, i]·B[j, p] for rows i in [from, to) and columns j in [colFrom, colTo): the product
     * Aᵀ·Bᵀ without materialising either transpose.
     *
     * @param a (k, m) row-major
     * @param b (n, k) row-major
     * @param c (m, n) row-major; rows from..to, columns colFrom..colTo are overwritten
     */
    void multiplyTransposedBothRows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to,
                                    int colFrom, int colTo);

    /**
     * y[r·cols + j] ← y[r·cols + j] + bias[j] for rows r in [0, rows): a dense layer's bias. One float sum
     * rounds exactly as the double sum stored as float does, so this equals the layer's double definition.
     */
    void addBias(float[] y, float[] bias, int rows, int cols);

    /** y[i] = x[i] > 0 ? x[i] : +0 for i in [0, n): ReLU as the layer defines it (NaN gives 0). */
    void relu(float[] x, float[] y, int n);

    /** dx[i] = dy[i]·(y[i] > 0 ? 1 : 0) for i in [0, n): ReLU's backward from its output y (a float product). */
    void reluGradient(float[] y, float[] dy, float[] dx, int n);

    /** out[i] = x[i]·y[i] for i in [0, n): dropout's mask, one float product each. */
    void multiplyElements(float[] x, float[] y, float[] out, int n);

    /**
     * g[i] = (float) (g[i] + λ·w[i]) in double for i in [from, to): L2's gradient λw added to a weight gradient, the
     * network's double loop stored as float.
     */
    void addL2Gradient(float[] g, float[] w, double lambda, int from, int to);

    /**
     * sum[j] += x[r·cols + j] for r = 0, 1, …, rows − 1 in turn, in double, for every column j in [0, cols): the
     * per-feature sums of a dense layer's bias gradient and of batch norm's mean. Each column is its own chain of
     * double additions in ascending row order, exactly the layers' loops, so the vector kernel (lanes = columns)
     * gives the same bits.
     */
    void addColumnSums(float[] x, int rows, int cols, double[] sum);

    /**
     * sum[j] += d·d with d = x[r·cols + j] − mean[j], for r ascending, in double (a product, then a sum: never a
     * fused multiply-add, which would round once less): batch norm's variance before it is divided by the batch.
     */
    void addSquaredDeviations(float[] x, double[] mean, int rows, int cols, double[] sum);

    /**
     * Batch norm's training forward for every element: h = (x[r, j] − mean[j])·scale[j] in double, then
     * xHat[r, j] = (float) h and y[r, j] = (float) (γ[j]·h + β[j]), the double h unrounded in both.
     */
    void batchNormForward(float[] x, double[] mean, double[] scale, float[] gamma, float[] beta, float[] xHat,
                          float[] y, int rows, int cols);

    /** Batch norm at inference: y[r, j] = (float) (scale[j]·(x[r, j] − mean[j]) + β[j]) in double. */
    void batchNormInference(float[] x, float[] mean, double[] scale, float[] beta, float[] y, int rows, int cols);

    /**
     * The sums batch norm's backward needs, per column j and for r ascending in double: sumDy[j] += dy[r, j] and
     * sumDyXHat[j] += dy[r, j]·xHat[r, j] (a product of two floats, exact in double, then a sum).
     */
    void addBatchNormGradientSums(float[] dy, float[] xHat, int rows, int cols, double[] sumDy, double[] sumDyXHat);

    /**
     * Batch norm's input gradient for every element, in double in exactly this order:
     * dx[r, j] = (float) (scale[j]·((B·ĝ − γ[j]·sumDy[j]) − (xHat[r, j]·γ[j])·sumDyXHat[j])) with ĝ = dy[r, j]·γ[j]
     * and B = rows.
     */
    void batchNormInputGradient(float[] dy, float[] xHat, float[] gamma, double[] sumDy, double[] sumDyXHat,
                                double[] scale, int rows, int cols, float[] dx);

    /**
     * One float32 Adam update of elements [from, to), in exactly this order of operations (so that the
     * implementations agree bit for bit): m ← β1·m + c1·g; v ← β2·v + c2·g·g; θ ← θ − α·m/(√v + ε),
     * with c1 = 1 − β1, c2 = 1 − β2 and α the bias-corrected step size of this iteration. Each new m and v that
     * would be subnormal (0 &lt; |x| &lt; 2⁻¹²⁶) is stored as +0 before it is used, as a CPU's flush-to-zero mode
     * would, and each new θ below {@link dev.digitslab.api.params.ParameterFloor} (2⁻⁶⁴) too: with L2, 6% of the
     * weights and 4% of Adam's moments of a 784-512-512-10 network became subnormal within four epochs, and many CPUs
     * take a slow path for every subnormal operand and result (the products read the weights every batch).
     */
    void adamUpdate(float[] theta, float[] g, float[] m, float[] v, int from, int to, float beta1, float c1,
                    float beta2, float c2, float alpha, float epsilon);
}
