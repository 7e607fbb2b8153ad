package dev.digitslab.scratch.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernels: the JDK Vector API at the CPU's widest float width (16 lanes with AVX-512). Each output
 * row is computed in column blocks held in registers (up to 8 vectors = 128 floats), so every element
 * of B is loaded once per row and the accumulators never touch memory until the row block is done.
 * Lanes are independent columns (no horizontal sums), so each element is the same FMA chain as in
 * {@link ScalarKernels}, whatever the vector width.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present (see {@link KernelSelection}).
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String description() {
        return "Vector API, " + S.vectorBitSize() + "-bit (" + L + " floats)";
    }

    @Override
    public void multiplyRows(float[] a, float[] b, float[] c, int k, int n, int from, int to) {
        for (int i = from; i < to; i++) {
            rowTimesMatrix(a, i * k, 1, b, c, i * n, k, n);
        }
    }

    @Override
    public void multiplyTransposedARows(float[] a, float[] b, float[] c, int m, int k, int n, int from, int to) {
        for (int i = from; i < to; i++) {
            rowTimesMatrix(a, i, m, b, c, i * n, k, n);
        }
    }

    @Override
    public void adamUpdate(float[] theta, float[] g, float[] m, float[] v, int from, int to, float beta1, float c1,
                           float beta2, float c2, float alpha, float epsilon) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = flushSubnormal(FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(c1)));
            FloatVector vi = flushSubnormal(FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(c2).mul(gi)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector step = mi.mul(alpha).div(vi.sqrt().add(epsilon));
            flushSubnormal(FloatVector.fromArray(S, theta, i).sub(step)).intoArray(theta, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            float mi = ScalarKernels.flushSubnormal(beta1 * m[i] + c1 * gi);
            float vi = ScalarKernels.flushSubnormal(beta2 * v[i] + c2 * gi * gi);
            m[i] = mi;
            v[i] = vi;
            theta[i] = ScalarKernels.flushSubnormal(theta[i] - alpha * mi / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    /** {@link ScalarKernels#flushSubnormal} lane by lane. */
    private static FloatVector flushSubnormal(FloatVector x) {
        return x.blend(0f, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }

    /**
     * c[cOff + j] = Σ_p a[aOff + p·aStride]·b[p·n + j] for j in [0, n). The non-zero terms of the A row
     * are first compacted without branches (most pixels are 0, and a data-dependent branch per term
     * mispredicts often enough to cost more than the arithmetic), then every column block runs over them.
     */
    private static void rowTimesMatrix(float[] a, int aOff, int aStride, float[] b, float[] c, int cOff,
                                       int k, int n) {
        Scratch s = SCRATCH.get().ensure(k);
        int[] index = s.index;   // (k) positions p of the non-zero terms
        float[] value = s.value; // (k) their values A[row, p]
        int nz = 0;
        for (int p = 0; p < k; p++) {
            float v = a[aOff + p * aStride];
            index[nz] = p;
            value[nz] = v;
            nz += v != 0f ? 1 : 0;
        }
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            block8(index, value, nz, b, c, cOff, n, j);
        }
        for (; j + 2 * L <= n; j += 2 * L) {
            block2(index, value, nz, b, c, cOff, n, j);
        }
        for (; j + L <= n; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int q = 0; q < nz; q++) {
                acc = FloatVector.fromArray(S, b, index[q] * n + j).fma(FloatVector.broadcast(S, value[q]), acc);
            }
            acc.intoArray(c, cOff + j);
        }
        for (; j < n; j++) {
            float acc = 0f;
            for (int q = 0; q < nz; q++) {
                acc = Math.fma(value[q], b[index[q] * n + j], acc);
            }
            c[cOff + j] = acc;
        }
    }

    /** Per-thread compaction buffers, grown on first use: the kernels never allocate in steady state. */
    private static final class Scratch {
        int[] index = new int[0];
        float[] value = new float[0];

        Scratch ensure(int k) {
            if (index.length < k) {
                index = new int[k];
                value = new float[k];
            }
            return this;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static void block8(int[] index, float[] value, int nz, float[] b, float[] c, int cOff, int n, int j) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int q = 0; q < nz; q++) {
            FloatVector av = FloatVector.broadcast(S, value[q]);
            int bo = index[q] * n + j;
            c0 = FloatVector.fromArray(S, b, bo).fma(av, c0);
            c1 = FloatVector.fromArray(S, b, bo + L).fma(av, c1);
            c2 = FloatVector.fromArray(S, b, bo + 2 * L).fma(av, c2);
            c3 = FloatVector.fromArray(S, b, bo + 3 * L).fma(av, c3);
            c4 = FloatVector.fromArray(S, b, bo + 4 * L).fma(av, c4);
            c5 = FloatVector.fromArray(S, b, bo + 5 * L).fma(av, c5);
            c6 = FloatVector.fromArray(S, b, bo + 6 * L).fma(av, c6);
            c7 = FloatVector.fromArray(S, b, bo + 7 * L).fma(av, c7);
        }
        int co = cOff + j;
        c0.intoArray(c, co);
        c1.intoArray(c, co + L);
        c2.intoArray(c, co + 2 * L);
        c3.intoArray(c, co + 3 * L);
        c4.intoArray(c, co + 4 * L);
        c5.intoArray(c, co + 5 * L);
        c6.intoArray(c, co + 6 * L);
        c7.intoArray(c, co + 7 * L);
    }

    private static void block2(int[] index, float[] value, int nz, float[] b, float[] c, int cOff, int n, int j) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int q = 0; q < nz; q++) {
            FloatVector av = FloatVector.broadcast(S, value[q]);
            int bo = index[q] * n + j;
            c0 = FloatVector.fromArray(S, b, bo).fma(av, c0);
            c1 = FloatVector.fromArray(S, b, bo + L).fma(av, c1);
        }
        c0.intoArray(c, cOff + j);
        c1.intoArray(c, cOff + j + L);
    }
}
