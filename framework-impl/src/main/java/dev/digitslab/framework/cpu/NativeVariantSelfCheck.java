package dev.digitslab.framework.cpu;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The self-check an ND4J binary variant must pass before the project adopts it, run in a child JVM whose system
 * properties already name it (a variant built for instructions the CPU lacks ends the JVM that loads it): loads ND4J,
 * confirms the binary level it reports, and compares a product, an element-wise op and a reduction with double-precision
 * references. Prints {@code passed <binary level>} (exit 0) or {@code failed <what>} (exit 1).
 */
public final class NativeVariantSelfCheck {
    private NativeVariantSelfCheck() {
    }

    public static void main(String[] args) {
        Nd4j.getBackend(); // ND4J's backend first: NativeOpsHolder alone misses its configuration
        int level = NativeOpsHolder.getInstance().getDeviceNativeOps().binaryLevel();
        SplittableRandom random = new SplittableRandom(42);
        int m = 37;
        int k = 300;
        int n = 53;
        float[] a = random(m * k, random); // (m, k)
        float[] b = random(k * n, random); // (k, n)
        INDArray product = Nd4j.create(a, new long[] {m, k}, 'c').mmul(Nd4j.create(b, new long[] {k, n}, 'c'));
        INDArray tanh = Transforms.tanh(Nd4j.create(a, new long[] {m, k}, 'c'), true);
        double sum = Nd4j.create(b, new long[] {k, n}, 'c').castTo(DataType.FLOAT).sumNumber().doubleValue();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    exact += (double) a[i * k + p] * b[p * n + j];
                    magnitude += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                require(product.getDouble(i, j), exact, 2.0 * k * 0x1p-24 * magnitude, "product", i, j);
                double x = a[i * k + j];
                require(tanh.getDouble(i, j), Math.tanh(x), 1e-6, "tanh", i, j);
            }
        }
        double exactSum = 0;
        double magnitude = 0;
        for (float x : b) {
            exactSum += x;
            magnitude += Math.abs(x);
        }
        require(sum, exactSum, 2.0 * b.length * 0x1p-24 * magnitude, "sum", 0, 0);
        System.out.println("passed " + level);
        System.exit(0);
    }

    private static void require(double got, double expected, double tolerance, String what, int i, int j) {
        if (!(Math.abs(got - expected) <= tolerance)) {
            System.out.printf(Locale.ROOT, "failed %s[%d,%d] = %s, expected %s ± %.3g%n", what, i, j, got, expected,
                    tolerance);
            System.exit(1);
        }
    }

    private static float[] random(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
