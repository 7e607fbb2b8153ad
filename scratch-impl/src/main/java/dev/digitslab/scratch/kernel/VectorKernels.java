package dev.digitslab.scratch.kernel;

import dev.digitslab.api.params.ParameterFloor;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernels: the JDK Vector API at the CPU's widest float width (8 lanes with AVX2, 16 with AVX-512).
 * Lanes are independent columns (no horizontal sums), so each element is the same FMA chain as in
 * {@link ScalarKernels}, whatever the vector width.
 *
 * <p>Products are register-blocked: {@value #ROWS} output rows × {@value #VECTORS} vectors of accumulators,
 * so each loaded vector of B feeds {@value #ROWS} FMAs and each broadcast factor of A feeds {@value #VECTORS}.
 * All of a tile's columns of B are packed first, row by row, into contiguous (k, panel width) panels of
 * {@value #VECTORS} vectors that all row blocks then stream from cache; a panel past the last column is padded
 * with zeros and its extra lanes are discarded. The left factors of each row block are compacted first (terms where all
 * rows of the block are 0 are dropped, most of them for MNIST pixels). A block still multiplies the zeros
 * of some of its rows, which for a finite B changes at most the sign of an exactly-zero result; the final
 * +0 of the contract (see {@link Kernels}) removes that. A panel holding an infinity or NaN is computed with
 * exact per-row skipping instead, so non-finite operands give the reference's result too.
 *
 * <p>Two rules keep C2 compiling every vector operation to instructions (each broken once, found in a profile):
 * one float vector shape in the JVM ({@link #S}; the double kernels convert halves of it), and no vector passed to
 * or returned from a method of this class (see the note above {@link #addColumnSums}).
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present (see {@link KernelSelection}).
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output rows per register block. */
    private static final int ROWS = 4;
    /** Vectors per row in a register block. */
    private static final int VECTORS = 2;
    /** Register blocks whose rows one float vector spans. */
    private static final int BLOCKS_PER_VECTOR = L / ROWS;
    /** Columns in one packed panel of B. */
    private static final int WIDTH = VECTORS * L;
    /** Doubles at the CPU's widest width, for the per-feature work batch norm and bias sums do in double. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int DL = D.length();
    /** Lanes DL..L-1 of a float vector: where the second of two narrowed double vectors goes. */
    private static final VectorMask<Float> HIGH_HALF = FloatVector.zero(S).addIndex(1)
            .compare(VectorOperators.GE, (float) DL);

    static {
        if (L % ROWS != 0 || L != 2 * DL) {
            throw new IllegalStateException("expected a multiple of " + ROWS + " float lanes and twice as many float "
                    + "lanes as double lanes: " + L + ", " + DL);
        }
    }

    @Override
    public String description() {
        return "Vector API, " + S.vectorBitSize() + "-bit (" + L + " floats)";
    }

    @Override
    public void multiplyRows(float[] a, float[] b, float[] c, int k, int n, int from, int to,
                             int colFrom, int colTo) {
        product(a, k, 1, b, false, c, k, n, from, to, colFrom, colTo);
    }

    @Override
    public void multiplyTransposedARows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to,
                                        int colFrom, int colTo) {
        product(a, 1, m, b, false, c, k, n, from, to, colFrom, colTo);
    }

    @Override
    public void multiplyTransposedBRows(float[] a, float[] b, float[] c, int k, int n, int from, int to,
                                        int colFrom, int colTo) {
        product(a, k, 1, b, true, c, k, n, from, to, colFrom, colTo);
    }

    @Override
    public void multiplyTransposedBothRows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to,
                                           int colFrom, int colTo) {
        product(a, 1, m, b, true, c, k, n, from, to, colFrom, colTo);
    }

    @Override
    public void addBias(float[] y, float[] bias, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, bias, j)).intoArray(y, o + j);
            }
            for (; j < cols; j++) {
                y[o + j] = y[o + j] + bias[j];
            }
        }
    }

    @Override
    public void relu(float[] x, float[] y, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = x[i] > 0 ? x[i] : 0f;
        }
    }

    @Override
    public void reluGradient(float[] y, float[] dy, float[] dx, int n) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector slope = zero.blend(one, FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(S, dy, i).mul(slope).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = dy[i] * (y[i] > 0 ? 1f : 0f);
        }
    }

    @Override
    public void multiplyElements(float[] x, float[] y, float[] out, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, i).mul(FloatVector.fromArray(S, y, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] * y[i];
        }
    }

    @Override
    public void addL2Gradient(float[] g, float[] w, double lambda, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector wv = FloatVector.fromArray(S, w, i);
            DoubleVector low = ((DoubleVector) gv.convertShape(VectorOperators.F2D, D, 0))
                    .add(((DoubleVector) wv.convertShape(VectorOperators.F2D, D, 0)).mul(lambda));
            DoubleVector high = ((DoubleVector) gv.convertShape(VectorOperators.F2D, D, 1))
                    .add(((DoubleVector) wv.convertShape(VectorOperators.F2D, D, 1)).mul(lambda));
            // narrowed as narrowRow does, written out (see the note on batch norm below)
            ((FloatVector) low.convertShape(VectorOperators.D2F, S, 0))
                    .blend((FloatVector) high.convertShape(VectorOperators.D2F, S, -1), HIGH_HALF).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = (float) (g[i] + lambda * w[i]);
        }
    }

    // Batch norm and bias sums: lanes are adjacent columns (features), each lane the same double chain over the
    // rows as the scalar loop; a float becomes a double exactly, and a double becomes a float rounded to nearest as
    // Java's cast does. L floats are loaded as one vector of S and worked on as two double vectors, its low and
    // high halves (convertShape part 0 and 1): a second float shape (DL floats) anywhere in the JVM made C2 fail to
    // intrinsify vector stores elsewhere (the shared FloatVector code then profiles two shapes), packing B among them.
    //
    // No vector is passed to or returned from a method of ours: C2 stops inlining when a compilation grows large,
    // and a vector that crosses a call which is not inlined is boxed on the heap at every call (that cost more than
    // the arithmetic). Only the JDK's force-inlined vector methods are called with vectors; results go through
    // arrays (a row of doubles, narrowed to floats by narrowRow).

    @Override
    public void addColumnSums(float[] x, int rows, int cols, double[] sum) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, o + j);
                DoubleVector v0 = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector v1 = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
                DoubleVector.fromArray(D, sum, j).add(v0).intoArray(sum, j);
                DoubleVector.fromArray(D, sum, j + DL).add(v1).intoArray(sum, j + DL);
            }
            for (; j < cols; j++) {
                sum[j] += x[o + j];
            }
        }
    }

    @Override
    public void addSquaredDeviations(float[] x, double[] mean, int rows, int cols, double[] sum) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, o + j);
                DoubleVector d0 = ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0))
                        .sub(DoubleVector.fromArray(D, mean, j));
                DoubleVector d1 = ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1))
                        .sub(DoubleVector.fromArray(D, mean, j + DL));
                DoubleVector.fromArray(D, sum, j).add(d0.mul(d0)).intoArray(sum, j);
                DoubleVector.fromArray(D, sum, j + DL).add(d1.mul(d1)).intoArray(sum, j + DL);
            }
            for (; j < cols; j++) {
                double d = x[o + j] - mean[j];
                sum[j] += d * d;
            }
        }
    }

    @Override
    public void batchNormForward(float[] x, double[] mean, double[] scale, float[] gamma, float[] beta, float[] xHat,
                                 float[] y, int rows, int cols) {
        double[] h = SCRATCH.get().doubles(cols); // (cols) one row of x̂ in double
        int vectors = cols - cols % L;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            normalizeRow(x, o, mean, scale, vectors, h);
            narrowRow(h, xHat, o, vectors);
            scaleAndShiftRow(gamma, beta, vectors, h);
            narrowRow(h, y, o, vectors);
            for (int j = vectors; j < cols; j++) {
                double hj = (x[o + j] - mean[j]) * scale[j];
                xHat[o + j] = (float) hj;
                y[o + j] = (float) ((double) gamma[j] * hj + beta[j]);
            }
        }
    }

    /** h[j] = (x[o + j] − mean[j])·scale[j] for j in [0, vectors). */
    private static void normalizeRow(float[] x, int o, double[] mean, double[] scale, int vectors, double[] h) {
        for (int j = 0; j < vectors; j += L) {
            FloatVector v = FloatVector.fromArray(S, x, o + j);
            ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0)).sub(DoubleVector.fromArray(D, mean, j))
                    .mul(DoubleVector.fromArray(D, scale, j)).intoArray(h, j);
            ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1)).sub(DoubleVector.fromArray(D, mean, j + DL))
                    .mul(DoubleVector.fromArray(D, scale, j + DL)).intoArray(h, j + DL);
        }
    }

    /** h[j] = γ[j]·h[j] + β[j] for j in [0, vectors). */
    private static void scaleAndShiftRow(float[] gamma, float[] beta, int vectors, double[] h) {
        for (int j = 0; j < vectors; j += L) {
            FloatVector g = FloatVector.fromArray(S, gamma, j);
            FloatVector b = FloatVector.fromArray(S, beta, j);
            ((DoubleVector) g.convertShape(VectorOperators.F2D, D, 0)).mul(DoubleVector.fromArray(D, h, j))
                    .add((DoubleVector) b.convertShape(VectorOperators.F2D, D, 0)).intoArray(h, j);
            ((DoubleVector) g.convertShape(VectorOperators.F2D, D, 1)).mul(DoubleVector.fromArray(D, h, j + DL))
                    .add((DoubleVector) b.convertShape(VectorOperators.F2D, D, 1)).intoArray(h, j + DL);
        }
    }

    @Override
    public void batchNormInference(float[] x, float[] mean, double[] scale, float[] beta, float[] y, int rows,
                                   int cols) {
        double[] row = SCRATCH.get().doubles(cols); // (cols) one row of y in double
        int vectors = cols - cols % L;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            inferenceRow(x, o, mean, scale, beta, vectors, row);
            narrowRow(row, y, o, vectors);
            for (int j = vectors; j < cols; j++) {
                y[o + j] = (float) (scale[j] * ((double) x[o + j] - mean[j]) + beta[j]);
            }
        }
    }

    /** row[j] = scale[j]·(x[o + j] − mean[j]) + β[j] for j in [0, vectors). */
    private static void inferenceRow(float[] x, int o, float[] mean, double[] scale, float[] beta, int vectors,
                                     double[] row) {
        for (int j = 0; j < vectors; j += L) {
            FloatVector xv = FloatVector.fromArray(S, x, o + j);
            FloatVector mv = FloatVector.fromArray(S, mean, j);
            FloatVector b = FloatVector.fromArray(S, beta, j);
            DoubleVector.fromArray(D, scale, j)
                    .mul(((DoubleVector) xv.convertShape(VectorOperators.F2D, D, 0))
                            .sub((DoubleVector) mv.convertShape(VectorOperators.F2D, D, 0)))
                    .add((DoubleVector) b.convertShape(VectorOperators.F2D, D, 0)).intoArray(row, j);
            DoubleVector.fromArray(D, scale, j + DL)
                    .mul(((DoubleVector) xv.convertShape(VectorOperators.F2D, D, 1))
                            .sub((DoubleVector) mv.convertShape(VectorOperators.F2D, D, 1)))
                    .add((DoubleVector) b.convertShape(VectorOperators.F2D, D, 1)).intoArray(row, j + DL);
        }
    }

    @Override
    public void addBatchNormGradientSums(float[] dy, float[] xHat, int rows, int cols, double[] sumDy,
                                         double[] sumDyXHat) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector d = FloatVector.fromArray(S, dy, o + j);
                FloatVector h = FloatVector.fromArray(S, xHat, o + j);
                DoubleVector d0 = (DoubleVector) d.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector d1 = (DoubleVector) d.convertShape(VectorOperators.F2D, D, 1);
                DoubleVector.fromArray(D, sumDy, j).add(d0).intoArray(sumDy, j);
                DoubleVector.fromArray(D, sumDy, j + DL).add(d1).intoArray(sumDy, j + DL);
                DoubleVector.fromArray(D, sumDyXHat, j).add(d0.mul((DoubleVector) h.convertShape(VectorOperators.F2D,
                        D, 0))).intoArray(sumDyXHat, j);
                DoubleVector.fromArray(D, sumDyXHat, j + DL).add(d1.mul((DoubleVector) h.convertShape(
                        VectorOperators.F2D, D, 1))).intoArray(sumDyXHat, j + DL);
            }
            for (; j < cols; j++) {
                double d = dy[o + j];
                sumDy[j] += d;
                sumDyXHat[j] += d * xHat[o + j];
            }
        }
    }

    @Override
    public void batchNormInputGradient(float[] dy, float[] xHat, float[] gamma, double[] sumDy, double[] sumDyXHat,
                                       double[] scale, int rows, int cols, float[] dx) {
        double[] row = SCRATCH.get().doubles(cols); // (cols) one row of dx in double
        int vectors = cols - cols % L;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            inputGradientRow(dy, xHat, o, gamma, sumDy, sumDyXHat, scale, rows, vectors, row);
            narrowRow(row, dx, o, vectors);
            for (int j = vectors; j < cols; j++) {
                double g = gamma[j];
                double gHat = dy[o + j] * g;
                dx[o + j] = (float) (scale[j] * (rows * gHat - g * sumDy[j] - xHat[o + j] * g * sumDyXHat[j]));
            }
        }
    }

    /**
     * row[j] = scale[j]·(batch·γ[j]·dy − γ[j]·Σdy[j] − x̂·γ[j]·Σdy·x̂[j]) for j in [0, vectors), in the scalar
     * loop's order of operations; the low and the high half of each float vector written out alike.
     */
    private static void inputGradientRow(float[] dy, float[] xHat, int o, float[] gamma, double[] sumDy,
                                         double[] sumDyXHat, double[] scale, double batch, int vectors, double[] row) {
        for (int j = 0; j < vectors; j += L) {
            FloatVector gf = FloatVector.fromArray(S, gamma, j);
            FloatVector df = FloatVector.fromArray(S, dy, o + j);
            FloatVector hf = FloatVector.fromArray(S, xHat, o + j);
            DoubleVector g = (DoubleVector) gf.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector inner = ((DoubleVector) df.convertShape(VectorOperators.F2D, D, 0)).mul(g).mul(batch)
                    .sub(g.mul(DoubleVector.fromArray(D, sumDy, j)))
                    .sub(((DoubleVector) hf.convertShape(VectorOperators.F2D, D, 0)).mul(g)
                            .mul(DoubleVector.fromArray(D, sumDyXHat, j)));
            DoubleVector.fromArray(D, scale, j).mul(inner).intoArray(row, j);
            int k = j + DL;
            g = (DoubleVector) gf.convertShape(VectorOperators.F2D, D, 1);
            inner = ((DoubleVector) df.convertShape(VectorOperators.F2D, D, 1)).mul(g).mul(batch)
                    .sub(g.mul(DoubleVector.fromArray(D, sumDy, k)))
                    .sub(((DoubleVector) hf.convertShape(VectorOperators.F2D, D, 1)).mul(g)
                            .mul(DoubleVector.fromArray(D, sumDyXHat, k)));
            DoubleVector.fromArray(D, scale, k).mul(inner).intoArray(row, k);
        }
    }

    /** out[o + j] = (float) row[j] for j in [0, vectors), rounded to nearest as (float) does. */
    private static void narrowRow(double[] row, float[] out, int o, int vectors) {
        for (int j = 0; j < vectors; j += L) {
            FloatVector low = (FloatVector) DoubleVector.fromArray(D, row, j)
                    .convertShape(VectorOperators.D2F, S, 0);  // (low's, zeros)
            FloatVector high = (FloatVector) DoubleVector.fromArray(D, row, j + DL)
                    .convertShape(VectorOperators.D2F, S, -1); // (zeros, high's)
            low.blend(high, HIGH_HALF).intoArray(out, o + j);
        }
    }

    @Override
    public void adamUpdate(float[] theta, float[] g, float[] m, float[] v, int from, int to, float beta1, float c1,
                           float beta2, float c2, float alpha, float epsilon) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            // flush as ScalarKernels.adamUpdate does, lane by lane (written out: see above)
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(c1));
            mi = mi.blend(0f, mi.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(c2).mul(gi));
            vi = vi.blend(0f, vi.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector step = mi.mul(alpha).div(vi.sqrt().add(epsilon));
            FloatVector ti = FloatVector.fromArray(S, theta, i).sub(step);
            ti.blend(0f, ti.abs().compare(VectorOperators.LT, ParameterFloor.FLOAT)).intoArray(theta, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            float mi = ScalarKernels.flushSubnormal(beta1 * m[i] + c1 * gi);
            float vi = ScalarKernels.flushSubnormal(beta2 * v[i] + c2 * gi * gi);
            m[i] = mi;
            v[i] = vi;
            theta[i] = ParameterFloor.apply(theta[i] - alpha * mi / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    @Override
    public void multiplyBands(Form form, float[] a, float[] b, float[] c, int m, int k, int n, boolean columnBands,
                              WorkerPool.Chunks bands) {
        int rowStride = form.transposedA() ? 1 : k;
        int pStride = form.transposedA() ? m : 1;
        boolean bTransposed = form.transposedB();
        Scratch s = SCRATCH.get();
        // The operand every band reads whole is prepared once per thread, not once per band.
        if (columnBands) {
            compactRows(a, rowStride, pStride, k, 0, m, s);
            do {
                boolean finite = packColumns(b, bTransposed, k, n, bands.from(), bands.to(), s);
                multiplyPrepared(s, finite, c, k, n, 0, m, bands.from(), bands.to());
            } while (bands.next());
        } else {
            boolean finite = packColumns(b, bTransposed, k, n, 0, n, s);
            do {
                compactRows(a, rowStride, pStride, k, bands.from(), bands.to(), s);
                multiplyPrepared(s, finite, c, k, n, bands.from(), bands.to(), 0, n);
            } while (bands.next());
        }
    }

    /**
     * c[i·n + j] = Σ_p a[i·rowStride + p·pStride]·B[p, j] for rows i in [from, to) and columns j in
     * [colFrom, colTo): the left factor of row i and term p sits at i·rowStride + p·pStride (rows of A, or
     * columns for Aᵀ); B is b (k, n), or b (n, k) when {@code bTransposed}.
     */
    private static void product(float[] a, int rowStride, int pStride, float[] b, boolean bTransposed, float[] c,
                                int k, int n, int from, int to, int colFrom, int colTo) {
        Scratch s = SCRATCH.get();
        compactRows(a, rowStride, pStride, k, from, to, s);
        boolean finite = packColumns(b, bTransposed, k, n, colFrom, colTo, s);
        multiplyPrepared(s, finite, c, k, n, from, to, colFrom, colTo);
    }

    /** The left factors of rows [from, to), compacted block by block into s.index, s.value and s.count. */
    private static void compactRows(float[] a, int rowStride, int pStride, int k, int from, int to, Scratch s) {
        int blocks = (to - from + ROWS - 1) / ROWS;
        s.ensure(blocks, k);
        int[] index = s.index;   // (blocks, k): per block, the positions p of its kept terms
        float[] value = s.value; // (blocks, k, ROWS): per block and kept term, the factors of its rows
        int[] count = s.count;   // (blocks) kept terms per block
        if (rowStride == 1) {
            compactByTerm(a, pStride, k, from, to, index, value, count);
        } else {
            for (int t = 0; t < blocks; t++) {
                int row = from + t * ROWS;
                count[t] = compact(a, row * rowStride, rowStride, pStride, k, Math.min(ROWS, to - row), index, t * k,
                        value, t * k * ROWS);
            }
        }
    }

    /**
     * B's columns [colFrom, colTo) packed into s.packed, all panels at once, reading B row by row (sequential, so
     * the hardware prefetches it; a panel at a time read B with a stride of n floats, and that cost more than the
     * multiply-adds). Returns whether every packed value is finite.
     */
    private static boolean packColumns(float[] b, boolean bTransposed, int k, int n, int colFrom, int colTo,
                                       Scratch s) {
        int panels = (colTo - colFrom + WIDTH - 1) / WIDTH;
        float[] packed = s.packed(panels * k);
        return bTransposed ? packTransposed(b, k, colFrom, colTo, packed) : pack(b, k, n, colFrom, colTo, packed);
    }

    /** C's rows [from, to) and columns [colFrom, colTo) from A's blocks and B's panels, as prepared in s. */
    private static void multiplyPrepared(Scratch s, boolean finite, float[] c, int k, int n, int from, int to,
                                         int colFrom, int colTo) {
        int blocks = (to - from + ROWS - 1) / ROWS;
        int[] index = s.index;
        float[] value = s.value;
        int[] count = s.count;
        float[] packed = s.packed;
        int panels = (colTo - colFrom + WIDTH - 1) / WIDTH;
        for (int q = 0; q < panels; q++) {
            int j = colFrom + q * WIDTH;
            int width = Math.min(WIDTH, colTo - j);
            int panel = q * k * WIDTH;
            boolean exact = !finite && !finite(packed, panel, k);
            for (int t = 0; t < blocks; t++) {
                int row = from + t * ROWS;
                int rows = Math.min(ROWS, to - row);
                if (!exact && rows == ROWS && width == WIDTH) {
                    // A whole block stores straight into C (copying through out cost 9% of a small network's step).
                    block(index, t * k, value, t * k * ROWS, count[t], packed, panel, c, row * n + j, n);
                    continue;
                }
                if (!exact) {
                    block(index, t * k, value, t * k * ROWS, count[t], packed, panel, s.out, 0, WIDTH);
                } else {
                    for (int r = 0; r < rows; r++) {
                        exactRow(index, t * k, value, t * k * ROWS + r, count[t], packed, panel, s.out, r * WIDTH);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(s.out, r * WIDTH, c, (row + r) * n + j, width);
                }
            }
        }
    }

    /**
     * Keeps the terms p where any row of the block has a non-zero factor, without branches (a branch per
     * term mispredicts often enough to cost more than the arithmetic). A block of fewer than ROWS rows (the
     * last of a range) is padded with rows of zeros, whose results are discarded.
     */
    private static int compact(float[] a, int aOff, int rowStride, int pStride, int k, int rows, int[] index,
                               int iOff, float[] value, int vOff) {
        if (rows < ROWS) {
            return compactPadded(a, aOff, rowStride, pStride, k, rows, index, iOff, value, vOff);
        }
        int kept = 0;
        int p = 0;
        if (pStride == 1) {
            // Rows of A: runs of L terms where every row is 0 (an image's empty margins) are skipped at once.
            for (; p + L <= k; p += L) {
                FloatVector any = FloatVector.fromArray(S, a, aOff + p).abs()
                        .max(FloatVector.fromArray(S, a, aOff + rowStride + p).abs())
                        .max(FloatVector.fromArray(S, a, aOff + 2 * rowStride + p).abs())
                        .max(FloatVector.fromArray(S, a, aOff + 3 * rowStride + p).abs());
                if (any.compare(VectorOperators.NE, 0f).anyTrue()) {
                    kept = compactTerms(a, aOff, rowStride, 1, p, p + L, index, iOff, value, vOff, kept);
                }
            }
        }
        return compactTerms(a, aOff, rowStride, pStride, p, k, index, iOff, value, vOff, kept);
    }

    /** Appends the kept terms among [p0, p1) of a full block after the first {@code kept}. */
    private static int compactTerms(float[] a, int aOff, int rowStride, int pStride, int p0, int p1, int[] index,
                                    int iOff, float[] value, int vOff, int kept) {
        for (int p = p0; p < p1; p++) {
            int ap = aOff + p * pStride;
            float v0 = a[ap];
            float v1 = a[ap + rowStride];
            float v2 = a[ap + 2 * rowStride];
            float v3 = a[ap + 3 * rowStride];
            index[iOff + kept] = p;
            int vo = vOff + kept * ROWS;
            value[vo] = v0;
            value[vo + 1] = v1;
            value[vo + 2] = v2;
            value[vo + 3] = v3;
            kept += nonZero(v0, v1, v2, v3);
        }
        return kept;
    }

    /**
     * 1 if any of the four is not ±0 (NaN included), else 0, in integer arithmetic: a float comparison compiles to
     * branches, which the data made mispredict.
     */
    private static int nonZero(float v0, float v1, float v2, float v3) {
        int magnitudes = (Float.floatToRawIntBits(v0) | Float.floatToRawIntBits(v1) | Float.floatToRawIntBits(v2)
                | Float.floatToRawIntBits(v3)) & 0x7fffffff;
        return -magnitudes >>> 31; // magnitudes ≥ 0, so −magnitudes < 0 exactly when it is not 0
    }

    /**
     * {@link #compact} for every block of rows [from, to) at once, for A read transposed (row i, term p at
     * a[p·pStride + i], so a block's factors of one term sit side by side): walks A term by term, appending to
     * each block's list. Compacting block after block instead strode down all k terms per block, a cache miss per
     * term, and took a fifth of a small network's step. Runs of L rows whose factors of a term are all 0 (an
     * image's margins) are skipped at once.
     */
    private static void compactByTerm(float[] a, int pStride, int k, int from, int to, int[] index, float[] value,
                                      int[] count) {
        int blocks = (to - from + ROWS - 1) / ROWS;
        int full = (to - from) / ROWS;
        Arrays.fill(count, 0, blocks, 0);
        for (int p = 0; p < k; p++) {
            int ap = p * pStride + from;
            int t = 0;
            for (; t + BLOCKS_PER_VECTOR <= full; t += BLOCKS_PER_VECTOR) {
                if (FloatVector.fromArray(S, a, ap + t * ROWS).compare(VectorOperators.NE, 0f).anyTrue()) {
                    for (int u = t; u < t + BLOCKS_PER_VECTOR; u++) {
                        appendTerm(a, ap + u * ROWS, ROWS, p, index, u * k, value, u * k * ROWS, count, u);
                    }
                }
            }
            for (; t < full; t++) {
                appendTerm(a, ap + t * ROWS, ROWS, p, index, t * k, value, t * k * ROWS, count, t);
            }
            if (full < blocks) {
                appendTerm(a, ap + full * ROWS, to - from - full * ROWS, p, index, full * k, value, full * k * ROWS,
                        count, full);
            }
        }
    }

    /**
     * Term p of block t, whose first {@code rows} factors start at a[ap] (the rest count as 0): written after the
     * block's kept terms, and kept (the count advanced) if any factor is non-zero; branch-free, as in
     * {@link #compactTerms}.
     */
    private static void appendTerm(float[] a, int ap, int rows, int p, int[] index, int iOff, float[] value,
                                   int vOff, int[] count, int t) {
        int kept = count[t];
        index[iOff + kept] = p;
        int vo = vOff + kept * ROWS;
        boolean any = false;
        if (rows == ROWS) {
            float v0 = a[ap];
            float v1 = a[ap + 1];
            float v2 = a[ap + 2];
            float v3 = a[ap + 3];
            value[vo] = v0;
            value[vo + 1] = v1;
            value[vo + 2] = v2;
            value[vo + 3] = v3;
            any = nonZero(v0, v1, v2, v3) != 0;
        } else {
            for (int r = 0; r < ROWS; r++) {
                float v = r < rows ? a[ap + r] : 0f;
                value[vo + r] = v;
                any |= v != 0f;
            }
        }
        count[t] = kept + (any ? 1 : 0);
    }

    /** {@link #compact} for the last block of a range, of fewer than ROWS rows: the rest count as zeros. */
    private static int compactPadded(float[] a, int aOff, int rowStride, int pStride, int k, int rows, int[] index,
                                     int iOff, float[] value, int vOff) {
        int kept = 0;
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * pStride;
            index[iOff + kept] = p;
            int vo = vOff + kept * ROWS;
            boolean any = false;
            for (int r = 0; r < ROWS; r++) {
                float v = r < rows ? a[ap + r * rowStride] : 0f;
                value[vo + r] = v;
                any |= v != 0f;
            }
            kept += any ? 1 : 0;
        }
        return kept;
    }

    /**
     * Copies columns [colFrom, colTo) of b (k, n) into packed panels of WIDTH columns, panel q at
     * q·k·WIDTH as (k, WIDTH), the last padded with zeros; returns whether every copied value is finite
     * (0·x is 0 for finite x and NaN otherwise). B is read row by row.
     */
    private static boolean pack(float[] b, int k, int n, int colFrom, int colTo, float[] packed) {
        int full = (colTo - colFrom) / WIDTH;
        int panelSize = k * WIDTH;
        boolean finite = true;
        for (int p = 0; p < k; p++) {
            finite &= packRow(b, p * n + colFrom, packed, p * WIDTH, full, panelSize);
        }
        int j = colFrom + full * WIDTH;
        if (j < colTo) {
            int width = colTo - j;
            int po = full * panelSize;
            for (int p = 0; p < k; p++, po += WIDTH) {
                for (int col = 0; col < WIDTH; col++) {
                    float x = col < width ? b[p * n + j + col] : 0f;
                    packed[po + col] = x;
                    finite &= Float.isFinite(x);
                }
            }
        }
        return finite;
    }

    /**
     * One row of B into {@code panels} full panels; whether its values are finite (0·x summed per lane is NaN
     * exactly when some x is not). Called once per row of B, so its short loop is compiled early and whole; the
     * vectors stay inside it.
     */
    private static boolean packRow(float[] b, int bo, float[] packed, int po, int panels, int panelSize) {
        FloatVector zeros = FloatVector.zero(S);
        for (int q = 0; q < panels; q++, bo += WIDTH, po += panelSize) {
            FloatVector x0 = FloatVector.fromArray(S, b, bo);
            FloatVector x1 = FloatVector.fromArray(S, b, bo + L);
            x0.intoArray(packed, po);
            x1.intoArray(packed, po + L);
            zeros = zeros.add(x0.mul(0f)).add(x1.mul(0f));
        }
        return !zeros.test(VectorOperators.IS_NAN).anyTrue();
    }

    /** As {@link #pack} for B stored transposed, b (n, k): each panel column is a row of b. */
    private static boolean packTransposed(float[] b, int k, int colFrom, int colTo, float[] packed) {
        boolean finite = true;
        int panels = (colTo - colFrom + WIDTH - 1) / WIDTH;
        for (int q = 0; q < panels; q++) {
            int j = colFrom + q * WIDTH;
            int width = Math.min(WIDTH, colTo - j);
            int po = q * k * WIDTH;
            for (int col = 0; col < WIDTH; col++) {
                if (col < width) {
                    int bo = (j + col) * k;
                    for (int p = 0; p < k; p++) {
                        float x = b[bo + p];
                        packed[po + p * WIDTH + col] = x;
                        finite &= (Float.floatToRawIntBits(x) & 0x7f800000) != 0x7f800000; // ∞ and NaN: all ones
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        packed[po + p * WIDTH + col] = 0f;
                    }
                }
            }
        }
        return finite;
    }

    /** Whether the packed panel at {@code off}, (k, WIDTH), holds only finite values. */
    private static boolean finite(float[] packed, int off, int k) {
        for (int i = off; i < off + k * WIDTH; i++) {
            if (!Float.isFinite(packed[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The block's ROWS rows × the panel's columns into out at o, rows {@code stride} apart, over all kept terms
     * (zeros of some rows included), each result + 0. ROWS × VECTORS accumulators plus the operands fill AVX2's 16
     * vector registers without spilling (4 × 3 does not fit: it ran at half the speed; so did 6 × 2).
     */
    private static void block(int[] index, int iOff, float[] value, int vOff, int kept, float[] panel, int panelOff,
                              float[] out, int o, int stride) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int q = 0; q < kept; q++) {
            int po = panelOff + index[iOff + q] * WIDTH;
            FloatVector b0 = FloatVector.fromArray(S, panel, po);
            FloatVector b1 = FloatVector.fromArray(S, panel, po + L);
            int vo = vOff + q * ROWS;
            FloatVector a0 = FloatVector.broadcast(S, value[vo]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, value[vo + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, value[vo + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, value[vo + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        c00.add(0f).intoArray(out, o);
        c01.add(0f).intoArray(out, o + L);
        c10.add(0f).intoArray(out, o + stride);
        c11.add(0f).intoArray(out, o + stride + L);
        c20.add(0f).intoArray(out, o + 2 * stride);
        c21.add(0f).intoArray(out, o + 2 * stride + L);
        c30.add(0f).intoArray(out, o + 3 * stride);
        c31.add(0f).intoArray(out, o + 3 * stride + L);
    }

    /**
     * One row of a block × the panel's columns into out[outOff, outOff + WIDTH), skipping exactly the terms
     * whose own factor is 0 (value[vOff + q·ROWS] is the row's factor of kept term q); each result + 0. Only
     * for a panel with an infinity or NaN, so it need not be fast.
     */
    private static void exactRow(int[] index, int iOff, float[] value, int vOff, int kept, float[] panel,
                                 int panelOff, float[] out, int outOff) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int q = 0; q < kept; q++) {
            float v = value[vOff + q * ROWS];
            if (v == 0f) {
                continue;
            }
            FloatVector av = FloatVector.broadcast(S, v);
            int po = panelOff + index[iOff + q] * WIDTH;
            c0 = FloatVector.fromArray(S, panel, po).fma(av, c0);
            c1 = FloatVector.fromArray(S, panel, po + L).fma(av, c1);
        }
        c0.add(0f).intoArray(out, outOff);
        c1.add(0f).intoArray(out, outOff + L);
    }

    /** Per-thread buffers, grown on first use: the kernels never allocate in steady state. */
    private static final class Scratch {
        int[] index = new int[0];     // (blocks, k) kept positions
        float[] value = new float[0]; // (blocks, k, ROWS) kept factors
        int[] count = new int[0];     // (blocks) kept terms
        float[] packed = new float[0]; // (panels, k, WIDTH) B's columns, packed
        double[] doubles = new double[0]; // (cols) one row of batch norm's input gradient
        final float[] out = new float[ROWS * WIDTH]; // (ROWS, WIDTH) one block's results for one panel

        void ensure(int blocks, int k) {
            if (index.length < blocks * k) {
                index = new int[blocks * k];
                value = new float[blocks * k * ROWS];
            }
            if (count.length < blocks) {
                count = new int[blocks];
            }
        }

        double[] doubles(int size) {
            if (doubles.length < size) {
                doubles = new double[size];
            }
            return doubles;
        }

        float[] packed(int panelsTimesK) {
            if (packed.length < panelsTimesK * WIDTH) {
                packed = new float[panelsTimesK * WIDTH];
            }
            return packed;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
}
