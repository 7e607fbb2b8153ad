package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.Kernels;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Inverted dropout with DROP probability p: in training each unit is zeroed with probability p and kept
 * units are scaled by 1/(1−p), so the expected activation is unchanged and inference is the identity.
 * The mask is drawn in double from the seeded stream and stored in the tensor's precision; applying it is
 * one product per element (vectorised for float32 by {@link Kernels#multiplyElements}).
 */
public final class DropoutLayer implements Layer {
    private final double rate;
    private final SplittableRandom random;
    private final Tensor mask; // (batch, width): 0 for a dropped unit, 1/(1−p) for a kept one
    private final Tensor y;    // (batch, width)
    private final Tensor dx;   // (batch, width)
    private final Kernels kernels = KernelSelection.kernels();
    private boolean holdMask;
    private boolean maskDrawn;

    /** @param random the network's seeded dropout generator, drawn in a fixed order */
    public DropoutLayer(double rate, int width, int capacity, Precision precision, SplittableRandom random) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be a drop probability in [0, 1), found " + rate);
        }
        this.rate = rate;
        this.random = random;
        this.mask = precision.matrix(capacity, width);
        this.y = precision.matrix(capacity, width);
        this.dx = precision.matrix(capacity, width);
    }

    public double rate() {
        return rate;
    }

    /**
     * While held, training forwards reuse the current mask instead of drawing a new one: what a
     * finite-difference check needs, since it evaluates the same network many times.
     */
    public void holdMask(boolean hold) {
        this.holdMask = hold;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training) {
            return x;
        }
        int n = y.useRows(x.rows()).size();
        if (!holdMask || !maskDrawn || mask.rows() != x.rows()) {
            maskDrawn = true;
            mask.useRows(x.rows());
            double keptScale = 1 / (1 - rate);
            for (int i = 0; i < n; i++) {
                mask.set(i, random.nextDouble() < rate ? 0 : keptScale);
            }
        }
        if (x instanceof FloatTensor fx && mask instanceof FloatTensor fm && y instanceof FloatTensor fy) {
            kernels.multiplyElements(fx.data(), fm.data(), fy.data(), n); // the loop below, vectorised
            return y;
        }
        for (int i = 0; i < n; i++) {
            y.set(i, x.get(i) * mask.get(i));
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = dx.useRows(dy.rows()).size();
        if (dy instanceof FloatTensor fdy && mask instanceof FloatTensor fm && dx instanceof FloatTensor fdx) {
            kernels.multiplyElements(fdy.data(), fm.data(), fdx.data(), n); // the loop below, vectorised
            return dx;
        }
        for (int i = 0; i < n; i++) {
            dx.set(i, dy.get(i) * mask.get(i));
        }
        return dx;
    }
}
