package dev.digitslab.scratch.kernel;

import dev.digitslab.api.params.ParameterFloor;

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
    public void multiplyRows(float[] a, float[] b, float[] c, int k, int n, int from, int to,
                             int colFrom, int colTo) {
        rows(a, k, 1, b, n, 1, c, k, n, from, to, colFrom, colTo);
    }

    @Override
    public void multiplyTransposedARows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to,
                                        int colFrom, int colTo) {
        rows(a, 1, m, b, n, 1, c, k, n, from, to, colFrom, colTo);
    }

    @Override
    public void multiplyTransposedBRows(float[] a, float[] b, float[] c, int k, int n, int from, int to,
                                        int colFrom, int colTo) {
        rows(a, k, 1, b, 1, k, c, k, n, from, to, colFrom, colTo);
    }

    @Override
    public void multiplyTransposedBothRows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to,
                                           int colFrom, int colTo) {
        rows(a, 1, m, b, 1, k, c, k, n, from, to, colFrom, colTo);
    }

    /**
     * Rows [from, to) and columns [colFrom, colTo) of C (·, n) = Σ_p left(i, p)·right(p, j), where the left
     * factor of row i and term p is a[i·aRow + p·aTerm] and the right factor of term p and column j is
     * b[p·bTerm + j·bColumn]: the four forms differ only in these strides.
     */
    private static void rows(float[] a, int aRow, int aTerm, float[] b, int bTerm, int bColumn, float[] c, int k,
                             int n, int from, int to, int colFrom, int colTo) {
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(c, i * n + colFrom, i * n + colTo, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[i * aRow + p * aTerm];
                if (aip == 0f) {
                    continue;
                }
                for (int j = colFrom; j < colTo; j++) {
                    c[i * n + j] = Math.fma(aip, b[p * bTerm + j * bColumn], c[i * n + j]);
                }
            }
            for (int j = colFrom; j < colTo; j++) {
                c[i * n + j] = c[i * n + j] + 0f; // the contract's last step: −0 becomes +0, nothing else changes
            }
        }
    }

    @Override
    public void addBias(float[] y, float[] bias, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = y[r * cols + j] + bias[j];
            }
        }
    }

    @Override
    public void relu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = x[i] > 0 ? x[i] : 0f;
        }
    }

    @Override
    public void reluGradient(float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = dy[i] * (y[i] > 0 ? 1f : 0f);
        }
    }

    @Override
    public void multiplyElements(float[] x, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * y[i];
        }
    }

    @Override
    public void addL2Gradient(float[] g, float[] w, double lambda, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] = (float) (g[i] + lambda * w[i]);
        }
    }

    @Override
    public void addColumnSums(float[] x, int rows, int cols, double[] sum) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                sum[j] += x[r * cols + j];
            }
        }
    }

    @Override
    public void addSquaredDeviations(float[] x, double[] mean, int rows, int cols, double[] sum) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double d = x[r * cols + j] - mean[j];
                sum[j] += d * d;
            }
        }
    }

    @Override
    public void batchNormForward(float[] x, double[] mean, double[] scale, float[] gamma, float[] beta, float[] xHat,
                                 float[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double h = (x[r * cols + j] - mean[j]) * scale[j];
                xHat[r * cols + j] = (float) h;
                y[r * cols + j] = (float) ((double) gamma[j] * h + beta[j]);
            }
        }
    }

    @Override
    public void batchNormInference(float[] x, float[] mean, double[] scale, float[] beta, float[] y, int rows,
                                   int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = (float) (scale[j] * ((double) x[r * cols + j] - mean[j]) + beta[j]);
            }
        }
    }

    @Override
    public void addBatchNormGradientSums(float[] dy, float[] xHat, int rows, int cols, double[] sumDy,
                                         double[] sumDyXHat) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double d = dy[r * cols + j];
                sumDy[j] += d;
                sumDyXHat[j] += d * xHat[r * cols + j];
            }
        }
    }

    @Override
    public void batchNormInputGradient(float[] dy, float[] xHat, float[] gamma, double[] sumDy, double[] sumDyXHat,
                                       double[] scale, int rows, int cols, float[] dx) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double g = gamma[j];
                double gHat = dy[r * cols + j] * g;
                dx[r * cols + j] = (float) (scale[j] * (rows * gHat - g * sumDy[j] - xHat[r * cols + j] * g
                        * sumDyXHat[j]));
            }
        }
    }

    @Override
    public void adamUpdate(float[] theta, float[] g, float[] m, float[] v, int from, int to, float beta1, float c1,
                           float beta2, float c2, float alpha, float epsilon) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = flushSubnormal(beta1 * m[i] + c1 * gi);
            float vi = flushSubnormal(beta2 * v[i] + c2 * gi * gi);
            m[i] = mi;
            v[i] = vi;
            // float √ of a float is exact here
            theta[i] = ParameterFloor.apply(theta[i] - alpha * mi / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    /** x, or +0 where x is subnormal (0 &lt; |x| &lt; 2⁻¹²⁶): what a CPU's flush-to-zero mode would store. */
    public static float flushSubnormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
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
