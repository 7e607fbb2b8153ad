package dev.digitslab.scratch.kernel;

/**
 * Plain loops: obviously correct, used when the Vector API is absent and as the reference the fast kernels
 * are tested against. {@link Math#fma} rounds once per term exactly like a vector FMA lane, which is what
 * makes the two bit-identical. The double-precision products (for gradient checks) live here too.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String description() {
        return "scalar Java loops";
    }

    @Override
    public void multiplyRows(float[] a, float[] b, float[] c, int k, int n, int from, int to) {
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(c, i * n, i * n + n, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                if (aip == 0f) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = Math.fma(aip, b[p * n + j], c[i * n + j]);
                }
            }
            positiveZeros(c, i * n, n);
        }
    }

    @Override
    public void multiplyTransposedARows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to) {
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(c, i * n, i * n + n, 0f);
            for (int p = 0; p < k; p++) {
                float api = a[p * m + i];
                if (api == 0f) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = Math.fma(api, b[p * n + j], c[i * n + j]);
                }
            }
            positiveZeros(c, i * n, n);
        }
    }

    /** The contract's last step: x + 0 turns −0 into +0 and leaves every other value (NaN too) as it is. */
    private static void positiveZeros(float[] c, int from, int n) {
        for (int j = from; j < from + n; j++) {
            c[j] = c[j] + 0f;
        }
    }

    @Override
    public void adamUpdate(float[] theta, float[] g, float[] m, float[] v, int from, int to, float beta1, float c1,
                           float beta2, float c2, float alpha, float epsilon) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + c1 * gi;
            float vi = beta2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            theta[i] = theta[i] - alpha * mi / ((float) Math.sqrt(vi) + epsilon); // float √ of a float is exact here
        }
    }

    /** C = A·B in double: A (m, k), B (k, n), C (m, n). */
    public static void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }

    /** C = Aᵀ·B in double: A (k, m), B (k, n), C (m, n). */
    public static void multiplyTransposedA(double[] a, double[] b, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[p * m + i] * b[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }

    /** C = A·Bᵀ in double: A (m, k), B (n, k), C (m, n). */
    public static void multiplyTransposedB(double[] a, double[] b, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = sum;
            }
        }
    }
}
