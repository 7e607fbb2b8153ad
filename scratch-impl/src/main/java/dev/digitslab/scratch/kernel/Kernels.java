package dev.digitslab.scratch.kernel;

/**
 * The float32 matrix-product kernels: the whole cost of training. Both implementations compute every
 * output element as the same chain of fused multiply-adds, over p in ascending order, starting from +0
 * and skipping terms whose left factor is exactly 0 (most MNIST pixels are 0, and adding 0·b changes
 * nothing for finite b). So {@link ScalarKernels} and {@link VectorKernels} give bit-identical results,
 * on any number of threads, and the scalar one is the readable specification of the fast one.
 *
 * <p>Work is split by output rows ({@code from..to}); a caller may hand different row ranges to different
 * threads, because no output element depends on how rows are split.
 */
public interface Kernels {

    /** One line for reports, e.g. "Vector API, 512-bit (16 floats)". */
    String description();

    /**
     * C[i, :] = Σ_p A[i, p]·B[p, :] for rows i in [from, to).
     *
     * @param a (m, k) row-major
     * @param b (k, n) row-major
     * @param c (m, n) row-major; rows from..to are overwritten
     */
    void multiplyRows(float[] a, float[] b, float[] c, int k, int n, int from, int to);

    /**
     * C[i, :] = Σ_p A[p, i]·B[p, :] for rows i in [from, to): the product Aᵀ·B without materialising Aᵀ.
     *
     * @param a (k, m) row-major
     * @param b (k, n) row-major
     * @param c (m, n) row-major; rows from..to are overwritten
     */
    void multiplyTransposedARows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to);

    /**
     * One float32 Adam update of elements [from, to), in exactly this order of operations (so that the
     * implementations agree bit for bit): m ← β1·m + c1·g; v ← β2·v + c2·g·g; θ ← θ − α·m/(√v + ε),
     * with c1 = 1 − β1, c2 = 1 − β2 and α the bias-corrected step size of this iteration. Each new m, v and θ
     * that would be subnormal (0 &lt; |x| &lt; 2⁻¹²⁶) is stored as +0 before it is used, as a CPU's flush-to-zero mode
     * would: with L2, 6% of the weights and 4% of Adam's moments of a 784-512-512-10 network became subnormal within
     * four epochs, and many CPUs take a slow path for every subnormal operand (the products read the weights every
     * batch). Values that small never change what the network computes beyond its last bits.
     */
    void adamUpdate(float[] theta, float[] g, float[] m, float[] v, int from, int to, float beta1, float c1,
                    float beta2, float c2, float alpha, float epsilon);
}
