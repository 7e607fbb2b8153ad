package dev.digitslab.framework.cpu;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The self-check a BLAS kernel family must pass before the project adopts it: run in a child JVM whose environment
 * already names the candidate ({@code OPENBLAS_CORETYPE}), because OpenBLAS picks its kernels once, when it is
 * loaded, and a kernel that does not suit the CPU may crash the process rather than merely compute wrong results.
 *
 * <p>It compares OpenBLAS's SGEMM with a float64 reference on shapes that exercise the kernels' edges (odd sizes,
 * every transpose the layers use, a 784-deep product like a first layer) and times a 512³ product. Prints one line:
 * {@code passed <GFLOP/s>} (exit 0) or {@code failed <what differed>} (exit 1).
 */
public final class SgemmSelfCheck {
    /** (m, k, n, transA, transB) cases; the transposes are the forward, weight-gradient and input-gradient products. */
    private static final int[][] CASES = {
        {67, 129, 71, 0, 0}, {128, 784, 130, 0, 0}, {33, 200, 95, 1, 0}, {61, 97, 203, 0, 1}, {1, 300, 17, 0, 0},
        {256, 256, 256, 1, 1},
    };

    private SgemmSelfCheck() {
    }

    public static void main(String[] args) {
        Loader.load(openblas.class);
        openblas.blas_set_num_threads(1);
        SplittableRandom random = new SplittableRandom(42);
        for (int[] c : CASES) {
            String failure = check(c[0], c[1], c[2], c[3] == 1, c[4] == 1, random);
            if (failure != null) {
                System.out.println("failed " + failure);
                System.exit(1);
            }
        }
        System.out.printf(Locale.ROOT, "passed %.1f%n", gflops(512));
        System.exit(0);
    }

    /** A description of the first element outside float32's error bound, or null when every element is within it. */
    static String check(int m, int k, int n, boolean transA, boolean transB, SplittableRandom random) {
        float[] a = randomMatrix(m * k, random); // (m, k), or (k, m) stored when transA
        float[] b = randomMatrix(k * n, random); // (k, n), or (n, k) stored when transB
        float[] c = new float[m * n];            // (m, n)
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, a, transA ? m : k, b,
                transB ? k : n, 0f, c, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
                    exact += term;
                    magnitude += Math.abs(term);
                }
                // Any summation order of k float32 products stays within k·u·Σ|a·b| (u = 2^-24); twice that
                // leaves room for FMA and blocking, while a wrong kernel is off by whole terms.
                double bound = 2.0 * k * 0x1p-24 * magnitude + Float.MIN_NORMAL;
                double got = c[i * n + j];
                if (!(Math.abs(got - exact) <= bound)) {
                    return String.format(Locale.ROOT, "SGEMM %dx%dx%d%s%s: C[%d,%d] = %s, expected %s ± %.3g", m, k, n,
                            transA ? " Aᵀ" : "", transB ? " Bᵀ" : "", i, j, got, exact, bound);
                }
            }
        }
        return null;
    }

    /** Median-of-5 single-thread rate of an n³ SGEMM, in GFLOP/s (2n³ floating-point operations). */
    static double gflops(int n) {
        SplittableRandom random = new SplittableRandom(7);
        float[] a = randomMatrix(n * n, random);
        float[] b = randomMatrix(n * n, random);
        float[] c = new float[n * n];
        double[] rates = new double[5];
        for (int r = -2; r < rates.length; r++) { // two warm-up products
            long start = System.nanoTime();
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, n, n, 1f, a,
                    n, b, n, 0f, c, n);
            long elapsed = System.nanoTime() - start;
            if (r >= 0) {
                rates[r] = 2.0 * n * n * n / elapsed;
            }
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    private static float[] randomMatrix(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
