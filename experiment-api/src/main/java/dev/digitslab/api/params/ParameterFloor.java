package dev.digitslab.api.params;

/**
 * The smallest magnitude a trained parameter keeps: both implementations store a parameter smaller than {@link #FLOAT}
 * in magnitude as +0 (the scratch network at every update, Deeplearning4j every 64 steps), next to storing optimiser
 * state that would be subnormal as +0, as a CPU's flush-to-zero mode would.
 *
 * <p>Why a floor, not only the subnormal flush: with L2, a weight that no data reaches (one leaving a unit that never
 * fires, say) decays geometrically. Once λ·w is subnormal, flush-to-zero makes its L2 gradient and moments zero and
 * the weight stops in the band just above 2⁻¹²⁶; every product that reads it multiplies it by ordinary gradients into
 * subnormal partial sums, which CPUs without flush-to-zero compute on a slow path (on the Intel Xeon of the README's
 * "Subnormal floats": about 50 ns per fused multiply-add with a subnormal operand instead of 2), and the
 * 784-512-512-10 network's L2 epochs ran twice as slow by epoch 13. The JVM has no flush-to-zero mode, so the cost
 * must be avoided, not switched off: a weight at or above 2⁻⁶⁴ times any value at or above 2⁻⁶² is a normal float.
 * Weights below 2⁻⁶⁴ (5·10⁻²⁰, seventeen orders of magnitude under what training gives these networks) are where L2
 * is taking them: zero. In the catalogue no output reads them (they belong to units that never fire): the floor
 * changed none of the scratch network's results.
 */
public final class ParameterFloor {
    /** 2⁻⁶⁴ ≈ 5.4·10⁻²⁰. */
    public static final float FLOAT = 0x1p-64f;

    private ParameterFloor() {
    }

    /** {@code x}, or +0 where {@code |x| < }{@link #FLOAT} (either sign, and −0 too). NaN passes unchanged. */
    public static float apply(float x) {
        return Math.abs(x) < FLOAT ? 0f : x;
    }

    /** The same floor for a float64 parameter (the scratch network's gradient checks). */
    public static double apply(double x) {
        return Math.abs(x) < FLOAT ? 0.0 : x;
    }
}
