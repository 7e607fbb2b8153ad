package dev.digitslab.scratch.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.scratch.tensor.DoubleTensor;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {
    /** Shapes that exercise every block width and tail of the vector kernel, and the narrow path. */
    private static final int[][] SHAPES = {{1, 1, 1}, {3, 5, 7}, {17, 33, 16}, {32, 784, 128}, {5, 40, 300},
            {128, 128, 10}, {9, 64, 47}, {2, 3, 129}, {200, 31, 1}, {6, 0, 9}, {7, 19, 33}, {13, 70, 65},
            {4, 9, 31}};

    private final SplittableRandom random = new SplittableRandom(5);

    private float[] randomWithZeros(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble() < 0.5 ? 0f : (float) (2 * random.nextDouble() - 1);
        }
        return a;
    }

    @Test
    void vectorKernelsMatchScalarKernelsBitForBit() {
        assertTrue(KernelSelection.vectorModulePresent(), "tests run with --add-modules jdk.incubator.vector");
        Kernels vector = KernelSelection.load(KernelSelection.Choice.VECTOR);
        assertTrue(vector.description().startsWith("Vector API"), vector.description());
        for (int[] s : SHAPES) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            assertVectorMatchesScalar(randomWithZeros(m * k), randomWithZeros(k * n), m, k, n, m + "x" + k + "x" + n);
        }
    }

    /** Rows of A that are entirely zero, zero except for one term, or dense, next to each other. */
    private float[] sparseRows(int m, int k) {
        float[] a = new float[m * k];
        for (int i = 0; i < m; i++) {
            int kind = random.nextInt(4);
            for (int p = 0; p < k; p++) {
                boolean nonZero = kind == 1 ? p == i % k : kind == 2 || kind == 3 && random.nextDouble() < 0.1;
                a[i * k + p] = nonZero ? (float) (2 * random.nextDouble() - 1) : 0f;
            }
        }
        return a;
    }

    /** One product form: a tile of C (m, n) from operands already in the form's layout. */
    private interface Form {
        void tile(Kernels kernels, float[] a, float[] b, float[] c, int m, int k, int n, int from, int to, int colFrom,
                  int colTo);
    }

    /**
     * Vector = scalar bit for bit for A (m, k) times B (k, n) in all four forms (each operand as stored or
     * transposed), on the whole output and on tiles whose edges cut register blocks and panels anywhere.
     */
    private static void assertVectorMatchesScalar(float[] a, float[] b, int m, int k, int n, String what) {
        Kernels vector = KernelSelection.load(KernelSelection.Choice.VECTOR);
        Kernels scalar = new ScalarKernels();
        float[] at = transposed(a, m, k);
        float[] bt = transposed(b, k, n);
        Form ab = (x, l, r, c, mm, kk, nn, f, t, cf, ct) -> x.multiplyRows(l, r, c, kk, nn, f, t, cf, ct);
        Form atb = (x, l, r, c, mm, kk, nn, f, t, cf, ct) -> x.multiplyTransposedARows(l, r, c, mm, kk, nn, f, t, cf,
                ct);
        Form abt = (x, l, r, c, mm, kk, nn, f, t, cf, ct) -> x.multiplyTransposedBRows(l, r, c, kk, nn, f, t, cf, ct);
        Form atbt = (x, l, r, c, mm, kk, nn, f, t, cf, ct) -> x.multiplyTransposedBothRows(l, r, c, mm, kk, nn, f, t,
                cf, ct);
        Object[][] forms = {{"A·B", a, b, ab}, {"Aᵀ·B", at, b, atb}, {"A·Bᵀ", a, bt, abt},
            {"Aᵀ·Bᵀ", at, bt, atbt}};
        float[] reference = new float[m * n];
        scalar.multiplyRows(a, b, reference, k, n, 0, m, 0, n);
        for (Object[] form : forms) {
            String name = form[0] + " " + what;
            float[] left = (float[]) form[1];
            float[] right = (float[]) form[2];
            Form product = (Form) form[3];
            float[] expected = new float[m * n];
            float[] actual = new float[m * n];
            product.tile(scalar, left, right, expected, m, k, n, 0, m, 0, n);
            assertArrayEquals(reference, expected, "scalar " + name + " = scalar A·B");
            product.tile(vector, left, right, actual, m, k, n, 0, m, 0, n);
            assertArrayEquals(expected, actual, name);
            for (int split = 1; split < m; split += 3) {
                java.util.Arrays.fill(actual, Float.NaN);
                product.tile(vector, left, right, actual, m, k, n, 0, split, 0, n);
                product.tile(vector, left, right, actual, m, k, n, split, m, 0, n);
                assertArrayEquals(expected, actual, name + ", rows split at " + split);
            }
            for (int split = 1; split < n; split += 5) {
                java.util.Arrays.fill(actual, Float.NaN);
                product.tile(vector, left, right, actual, m, k, n, 0, m, 0, split);
                product.tile(vector, left, right, actual, m, k, n, 0, m, split, n);
                assertArrayEquals(expected, actual, name + ", columns split at " + split);
            }
        }
    }

    private static float[] transposed(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    @Test
    void vectorKernelsMatchScalarOnSparseRowsAndAnyRowSplit() {
        for (int[] s : new int[][] {{11, 50, 37}, {9, 784, 20}, {4, 3, 64}, {23, 17, 5}}) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = sparseRows(m, k);
            assertVectorMatchesScalar(a, randomWithZeros(k * n), m, k, n, m + "x" + k + "x" + n);
        }
    }

    /**
     * A like a batch of images read transposed in a weight gradient: rows (pixels) that are 0 in every term
     * (margins) in runs longer than a vector, next to rows with a few or many non-zero terms.
     */
    @Test
    void vectorKernelsMatchScalarOnRunsOfZeroRowsAnyRowSplit() {
        int m = 61;
        int k = 19;
        int n = 24;
        float[] a = new float[m * k];
        for (int i = 0; i < m; i++) {
            boolean margin = i < 18 || i >= 37 && i < 50;
            double density = i % 3 == 0 ? 0.1 : 0.8;
            for (int p = 0; p < k; p++) {
                a[i * k + p] = !margin && random.nextDouble() < density ? (float) (2 * random.nextDouble() - 1) : 0f;
            }
        }
        assertVectorMatchesScalar(a, randomWithZeros(k * n), m, k, n, "margins of zero rows");
    }

    @Test
    void zeroResultsArePositiveZeroWhereverZerosWereSkipped() {
        // Row 0: one product of 1e-30·(−1e-30), which underflows to −0; row 1: a zero factor there instead.
        float[] a = {1e-30f, 0f, 0f, 1f};
        float[] b = {-1e-30f, 2f, 0f, 0f}; // (2, 2)
        Kernels[] both = {new ScalarKernels(), KernelSelection.load(KernelSelection.Choice.VECTOR)};
        for (Kernels kernels : both) {
            float[] c = new float[4];
            kernels.multiplyRows(a, b, c, 2, 2, 0, 2, 0, 2);
            assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(c[0]), kernels.description());
            assertEquals(2e-30f, c[1], kernels.description());
            assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(c[2]), kernels.description());
        }
        float[] a2 = sparseRows(10, 30);
        float[] b2 = randomWithZeros(30 * 21);
        for (int i = 0; i < b2.length; i += 7) {
            b2[i] = -1e-30f; // underflowing products next to zero factors of other rows
        }
        for (int i = 0; i < a2.length; i += 5) {
            a2[i] = a2[i] == 0f ? 0f : 1e-30f;
        }
        assertVectorMatchesScalar(a2, b2, 10, 30, 21, "underflowing products");
    }

    @Test
    void infinitiesAndNaNsInTheRightOperandMeetOnlyNonZeroFactors() {
        int m = 9;
        int k = 12;
        int n = 40;
        float[] a = sparseRows(m, k);
        float[] b = randomWithZeros(k * n);
        b[3 * n + 5] = Float.POSITIVE_INFINITY;
        b[7 * n + 30] = Float.NaN;
        b[11 * n + 39] = Float.NEGATIVE_INFINITY;
        assertVectorMatchesScalar(a, b, m, k, n, "non-finite B");
        float[] c = new float[m * n];
        new ScalarKernels().multiplyRows(a, b, c, k, n, 0, m, 0, n);
        for (int i = 0; i < m; i++) {
            assertEquals(a[i * k + 3] == 0f, Float.isFinite(c[i * n + 5]), "row " + i + ": ∞ only where used");
        }
    }

    /** Random floats with zeros of both signs, infinities, NaN and subnormals among them. */
    private float[] withSpecialValues(int n) {
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE,
                -Float.MIN_VALUE, 1f, -1f};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() < 0.3 ? specials[random.nextInt(specials.length)]
                    : (float) (4 * random.nextDouble() - 2);
        }
        return x;
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            boolean same = Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i])
                    || Float.isNaN(expected[i]) && Float.isNaN(actual[i]);
            assertTrue(same, what + " element " + i + ": expected " + expected[i] + ", found " + actual[i]);
        }
    }

    @Test
    void elementWiseKernelsMatchTheLayersDoubleLoopsBitForBit() {
        Kernels[] both = {new ScalarKernels(), KernelSelection.load(KernelSelection.Choice.VECTOR)};
        for (int n : new int[] {1, 7, 8, 33, 200}) {
            float[] x = withSpecialValues(n);
            float[] y = withSpecialValues(n);
            float[] relu = new float[n];
            float[] reluGradient = new float[n];
            float[] product = new float[n];
            float[] l2 = new float[n];
            double lambda = 1e-4;
            for (int i = 0; i < n; i++) {
                l2[i] = (float) ((double) y[i] + lambda * (double) x[i]);    // Network.computeGradients, L2
                double v = x[i];
                relu[i] = (float) (v > 0 ? v : 0);                             // ActivationLayer.apply(RELU)
                reluGradient[i] = (float) ((double) y[i] * (x[i] > 0 ? 1 : 0)); // ActivationLayer.backward
                product[i] = (float) ((double) x[i] * (double) y[i]);           // DropoutLayer
            }
            int cols = Math.max(1, n / 5);
            int rows = n / cols;
            float[] bias = withSpecialValues(cols);
            float[] biased = x.clone();
            for (int i = 0; i < rows * cols; i++) {
                biased[i] = (float) ((double) x[i] + (double) bias[i % cols]);  // DenseLayer.forward
            }
            for (Kernels kernels : both) {
                String what = kernels.description() + ", n " + n;
                float[] out = new float[n];
                kernels.relu(x, out, n);
                assertBits(relu, out, "relu " + what);
                kernels.reluGradient(x, y, out, n);
                assertBits(reluGradient, out, "relu gradient " + what);
                kernels.multiplyElements(x, y, out, n);
                assertBits(product, out, "product " + what);
                out = y.clone();
                kernels.addL2Gradient(out, x, lambda, 0, n / 3); // in two parts, as threads split it
                kernels.addL2Gradient(out, x, lambda, n / 3, n);
                assertBits(l2, out, "L2 gradient " + what);
                out = x.clone();
                kernels.addBias(out, bias, rows, cols);
                assertBits(biased, out, "bias " + what);
            }
        }
    }

    private double[] randomDoubles(int n, double scale, double offset) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = offset + scale * (2 * random.nextDouble() - 1);
        }
        return d;
    }

    /**
     * The per-feature kernels of batch norm and of the bias gradient: vector = scalar bit for bit on shapes
     * whose width is below, at, between and above the vector widths, batch 1 included, with zeros of both
     * signs, infinities, NaN and subnormals among the floats, and sums that start from non-zero values.
     */
    @Test
    void columnSumAndBatchNormKernelsMatchScalarBitForBit() {
        Kernels scalar = new ScalarKernels();
        Kernels vector = KernelSelection.load(KernelSelection.Choice.VECTOR);
        int[][] shapes = {{1, 1}, {1, 3}, {1, 4}, {2, 5}, {3, 7}, {5, 8}, {7, 9}, {1, 17}, {4, 16}, {9, 31},
            {33, 33}, {128, 10}, {128, 512}, {3, 515}, {0, 6}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            String what = rows + " rows, " + cols + " columns";
            float[] x = withSpecialValues(rows * cols);
            float[] other = withSpecialValues(rows * cols);
            float[] gamma = withSpecialValues(cols);
            float[] beta = withSpecialValues(cols);
            float[] floatMean = withSpecialValues(cols);
            double[] mean = randomDoubles(cols, 2, 0);
            double[] scale = randomDoubles(cols, 3, 4);
            double[] start = randomDoubles(cols, 10, 0);
            double[][] sums = new double[4][];
            float[][] outs = new float[4][];
            for (Kernels kernels : new Kernels[] {scalar, vector}) {
                double[] sum = start.clone();
                kernels.addColumnSums(x, rows, cols, sum);
                double[] squares = start.clone();
                kernels.addSquaredDeviations(x, mean, rows, cols, squares);
                double[] sumDy = start.clone();
                double[] sumDyXHat = start.clone();
                kernels.addBatchNormGradientSums(x, other, rows, cols, sumDy, sumDyXHat);
                float[] xHat = new float[rows * cols];
                float[] y = new float[rows * cols];
                kernels.batchNormForward(x, mean, scale, gamma, beta, xHat, y, rows, cols);
                float[] inference = new float[rows * cols];
                kernels.batchNormInference(x, floatMean, scale, beta, inference, rows, cols);
                float[] dx = new float[rows * cols];
                kernels.batchNormInputGradient(x, other, gamma, sum, squares, scale, rows, cols, dx);
                if (kernels == scalar) {
                    sums = new double[][] {sum, squares, sumDy, sumDyXHat};
                    outs = new float[][] {xHat, y, inference, dx};
                    continue;
                }
                String[] sumNames = {"column sums", "squared deviations", "Σdy", "Σdy·x̂"};
                double[][] vectorSums = {sum, squares, sumDy, sumDyXHat};
                for (int i = 0; i < sums.length; i++) {
                    assertArrayEquals(sums[i], vectorSums[i], sumNames[i] + ", " + what); // double bits, ±0 apart
                }
                String[] outNames = {"x̂", "y", "inference", "input gradient"};
                float[][] vectorOuts = {xHat, y, inference, dx};
                for (int i = 0; i < outs.length; i++) {
                    assertBits(outs[i], vectorOuts[i], outNames[i] + ", " + what);
                }
            }
        }
    }

    @Test
    void vectorAdamUpdateMatchesScalarBitForBitAndTheDoubleDefinition() {
        int n = 1000;
        float[][] scalar = new float[4][n];
        for (float[] arr : scalar) {
            for (int i = 0; i < n; i++) {
                arr[i] = (float) (2 * random.nextDouble() - 1);
            }
        }
        for (int i = 0; i < n; i++) {
            scalar[3][i] = Math.abs(scalar[3][i]); // v ≥ 0
        }
        float[][] vector = new float[4][];
        for (int a = 0; a < 4; a++) {
            vector[a] = scalar[a].clone();
        }
        double theta0 = scalar[0][5];
        double g0 = scalar[1][5];
        double m0 = scalar[2][5];
        double v0 = scalar[3][5];
        new ScalarKernels().adamUpdate(scalar[0], scalar[1], scalar[2], scalar[3], 3, n, 0.9f, 0.1f, 0.999f, 0.001f,
                0.01f, 1e-8f);
        KernelSelection.load(KernelSelection.Choice.VECTOR).adamUpdate(vector[0], vector[1], vector[2], vector[3], 3,
                n, 0.9f, 0.1f, 0.999f, 0.001f, 0.01f, 1e-8f);
        for (int a = 0; a < 4; a++) {
            assertArrayEquals(scalar[a], vector[a], "array " + a);
        }
        double m = 0.9 * m0 + 0.1 * g0;
        double v = 0.999 * v0 + 0.001 * g0 * g0;
        assertEquals(theta0 - 0.01 * m / (Math.sqrt(v) + 1e-8), scalar[0][5], 1e-6);
    }

    @Test
    void adamStoresSubnormalMomentsAndParametersAsZeroInBothKernels() {
        // Lanes 0-2 decay into the subnormal range (g = 0, tiny m, v and θ); lane 3 stays normal; lane 4 is -0.
        float tiny = Float.MIN_NORMAL * 1.5f;
        float[] theta = {tiny / 2, -tiny / 2, 1f, 0.5f, -0f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] g = new float[theta.length];
        float[] m = {tiny, -tiny, tiny, 0.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] v = {tiny, tiny, tiny, 0.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[][] vector = {theta.clone(), g.clone(), m.clone(), v.clone()};
        new ScalarKernels().adamUpdate(theta, g, m, v, 0, theta.length, 0.5f, 0.5f, 0.5f, 0.5f, 1e-30f, 1e-8f);
        KernelSelection.load(KernelSelection.Choice.VECTOR).adamUpdate(vector[0], vector[1], vector[2], vector[3], 0,
                theta.length, 0.5f, 0.5f, 0.5f, 0.5f, 1e-30f, 1e-8f);
        for (int i = 0; i < 3; i++) {
            assertEquals(0f, m[i], "m[" + i + "] = 0.5·1.5·2⁻¹²⁶ is subnormal");
            assertEquals(0f, v[i], "v[" + i + "]");
        }
        assertEquals(0f, theta[0], "θ = 0.75·2⁻¹²⁶ minus a zero step");
        assertEquals(0f, theta[1]);
        assertEquals(1f, theta[2], 1e-6f);
        assertEquals(0.25f, m[3]);
        for (int i = 0; i < theta.length; i++) {
            float[][] scalar = {theta, g, m, v};
            for (int a = 0; a < 4; a++) {
                assertEquals(Float.floatToRawIntBits(scalar[a][i]), Float.floatToRawIntBits(vector[a][i]),
                        "array " + a + " element " + i);
            }
        }
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(theta[4]), "-0 is stored as +0");
    }

    @Test
    void adamStoresParametersBelowTheFloorAsZeroInBothKernels() {
        // A zero gradient with zero moments leaves θ where it was, then the floor (2⁻⁶⁴) applies: 19 lanes, so the
        // vector kernel's tail takes some of them.
        float below = Math.nextDown(0x1p-64f);
        float[] theta = {below, -below, 1e-30f, -1e-25f, 0x1p-64f, -0x1p-64f, 1e-19f, 0.5f, below, 1e-30f, 0x1p-64f,
            below, 1e-30f, 0x1p-64f, below, 1e-30f, 0x1p-64f, below, 0x1p-64f};
        float[] g = new float[theta.length];
        float[] m = new float[theta.length];
        float[] v = new float[theta.length];
        float[][] vector = {theta.clone(), g.clone(), m.clone(), v.clone()};
        new ScalarKernels().adamUpdate(theta, g, m, v, 0, theta.length, 0.9f, 0.1f, 0.999f, 0.001f, 1e-3f, 1e-8f);
        KernelSelection.load(KernelSelection.Choice.VECTOR).adamUpdate(vector[0], vector[1], vector[2], vector[3], 0,
                theta.length, 0.9f, 0.1f, 0.999f, 0.001f, 1e-3f, 1e-8f);
        for (int i = 0; i < theta.length; i++) {
            float kept = Math.abs(theta[i]) >= 0x1p-64f ? theta[i] : 0f;
            assertEquals(Float.floatToRawIntBits(kept), Float.floatToRawIntBits(theta[i]), "scalar θ[" + i + "]");
            assertEquals(Float.floatToRawIntBits(theta[i]), Float.floatToRawIntBits(vector[0][i]), "vector θ[" + i + "]");
        }
        assertEquals(0f, theta[2], "1e-30 is a normal float but below the floor");
        assertEquals(0x1p-64f, theta[4], "the floor itself is kept");
    }

    private Tensor fill(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            t.set(i, random.nextDouble() < 0.3 ? 0 : 2 * random.nextDouble() - 1);
        }
        return t;
    }

    private static Tensor asDouble(Tensor t) {
        Tensor d = Precision.DOUBLE.matrix(t.rows(), t.cols());
        d.copyFrom(t);
        return d;
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what);
        assertEquals(expected.cols(), actual.cols(), what);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            assertEquals(e, actual.get(i), 1e-5 * (1 + Math.abs(e)), what + " element " + i);
        }
    }

    @Test
    void floatProductsAgreeWithDoubleProductsForAllThreeForms() {
        MatrixProducts fast = MatrixProducts.standard();
        MatrixProducts reference = new MatrixProducts(new ScalarKernels(), new WorkerPool(1));
        for (int[] s : SHAPES) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            String shape = m + "x" + k + "x" + n;
            Tensor a = fill(Precision.FLOAT.matrix(m, k));
            Tensor b = fill(Precision.FLOAT.matrix(k, n));
            Tensor c = Precision.FLOAT.matrix(m, n);
            Tensor cd = Precision.DOUBLE.matrix(m, n);
            fast.multiply(a, b, c);
            reference.multiply(asDouble(a), asDouble(b), cd);
            assertClose(cd, c, "A·B " + shape);

            Tensor at = fill(Precision.FLOAT.matrix(k, m));
            fast.multiplyTransposedA(at, b, c);
            reference.multiplyTransposedA(asDouble(at), asDouble(b), cd);
            assertClose(cd, c, "Aᵀ·B " + shape);

            Tensor bt = fill(Precision.FLOAT.matrix(n, k));
            fast.multiplyTransposedB(a, bt, c);
            reference.multiplyTransposedB(asDouble(a), asDouble(bt), cd);
            assertClose(cd, c, "A·Bᵀ " + shape);
        }
    }

    @Test
    void resultsAreBitIdenticalWhateverTheThreadCountAndKernels() {
        // Bands of whole panels and blocks, and ragged ones (the last band, panel and block of 97 × 130 are short).
        for (int[] shape : new int[][] {{96, 300, 128}, {97, 301, 130}}) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            Tensor a = fill(Precision.FLOAT.matrix(m, k));
            Tensor b = fill(Precision.FLOAT.matrix(k, n));
            Tensor bt = fill(Precision.FLOAT.matrix(n, k));
            Tensor g = fill(Precision.FLOAT.matrix(m, n));
            float[][] results = new float[4][];
            MatrixProducts[] variants = {
                    new MatrixProducts(new ScalarKernels(), new WorkerPool(1)),
                    new MatrixProducts(KernelSelection.load(KernelSelection.Choice.VECTOR), new WorkerPool(1)),
                    new MatrixProducts(KernelSelection.load(KernelSelection.Choice.VECTOR), new WorkerPool(2)),
                    new MatrixProducts(KernelSelection.load(KernelSelection.Choice.VECTOR), new WorkerPool(3))};
            for (int v = 0; v < variants.length; v++) {
                Tensor c1 = Precision.FLOAT.matrix(m, n); // column bands (n > m)
                Tensor c2 = Precision.FLOAT.matrix(k, n); // row bands (k > n)
                Tensor c3 = Precision.FLOAT.matrix(m, n);
                variants[v].multiply(a, b, c1);
                variants[v].multiplyTransposedA(a, g, c2);
                variants[v].multiplyTransposedB(a, bt, c3);
                float[] all = new float[c1.size() + c2.size() + c3.size()];
                System.arraycopy(((FloatTensor) c1).data(), 0, all, 0, c1.size());
                System.arraycopy(((FloatTensor) c2).data(), 0, all, c1.size(), c2.size());
                System.arraycopy(((FloatTensor) c3).data(), 0, all, c1.size() + c2.size(), c3.size());
                results[v] = all;
            }
            for (int v = 1; v < results.length; v++) {
                assertArrayEquals(results[0], results[v], "variant " + v + ", " + m + "x" + k + "x" + n);
            }
        }
    }

    @Test
    void productsUseOnlyTheRowsInUse() {
        MatrixProducts products = MatrixProducts.standard();
        Tensor a = fill(Precision.FLOAT.matrix(8, 4)).useRows(3);
        Tensor b = fill(Precision.FLOAT.matrix(4, 2));
        Tensor c = Precision.FLOAT.matrix(8, 2).useRows(3);
        products.multiply(a, b, c);
        Tensor cd = Precision.DOUBLE.matrix(3, 2);
        Tensor ad = Precision.DOUBLE.matrix(3, 4);
        ad.copyFrom(a);
        ScalarKernels.multiply(((DoubleTensor) ad).data(), ((DoubleTensor) asDouble(b)).data(),
                ((DoubleTensor) cd).data(), 3, 4, 2);
        assertClose(cd, c, "3 of 8 rows");
    }
}
