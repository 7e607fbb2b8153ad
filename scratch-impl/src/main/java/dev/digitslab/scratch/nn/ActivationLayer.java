package dev.digitslab.scratch.nn;

import dev.digitslab.api.spec.Activation;
import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.Kernels;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;

/**
 * An element-wise non-linearity. Each derivative is written from the cached output y, which is all it
 * needs. Softmax is not here: it only ever sits on the output, where {@link SoftmaxCrossEntropyLoss}
 * fuses it with the loss. StrictMath keeps results identical on every platform. ReLU on float32 tensors runs
 * through the vectorised {@link Kernels}, which compute exactly these loops in float.
 */
public final class ActivationLayer implements Layer {
    private final Activation function;
    private final Tensor y;  // (batch, width)
    private final Tensor dx; // (batch, width)
    private final Kernels kernels = KernelSelection.kernels();

    public ActivationLayer(Activation function, int width, int capacity, Precision precision) {
        if (function == Activation.SOFTMAX) {
            throw new IllegalArgumentException("softmax is only supported on the output layer, fused with the loss");
        }
        this.function = function;
        this.y = precision.matrix(capacity, width);
        this.dx = precision.matrix(capacity, width);
    }

    public Activation function() {
        return function;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = y.useRows(x.rows()).size();
        if (function == Activation.RELU && x instanceof FloatTensor fx && y instanceof FloatTensor fy) {
            kernels.relu(fx.data(), fy.data(), n); // the loop below, vectorised
            return y;
        }
        for (int i = 0; i < n; i++) {
            y.set(i, apply(function, x.get(i)));
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = dx.useRows(dy.rows()).size();
        if (function == Activation.RELU && dy instanceof FloatTensor fdy && y instanceof FloatTensor fy
                && dx instanceof FloatTensor fdx) {
            kernels.reluGradient(fy.data(), fdy.data(), fdx.data(), n); // the loop below, vectorised
            return dx;
        }
        for (int i = 0; i < n; i++) {
            double out = y.get(i);
            double slope = switch (function) {
                case IDENTITY -> 1;
                case RELU -> out > 0 ? 1 : 0;        // ∂relu = 1 where the unit is on
                case SIGMOID -> out * (1 - out);     // σ' = σ(1 − σ)
                case TANH -> 1 - out * out;          // tanh' = 1 − tanh²
                case SOFTMAX -> throw new IllegalStateException("unreachable");
            };
            dx.set(i, dy.get(i) * slope);
        }
        return dx;
    }

    static double apply(Activation function, double v) {
        return switch (function) {
            case IDENTITY -> v;
            case RELU -> v > 0 ? v : 0;
            case SIGMOID -> sigmoid(v);
            case TANH -> StrictMath.tanh(v);
            case SOFTMAX -> throw new IllegalStateException("softmax is row-wise, not element-wise");
        };
    }

    /** σ(v) = 1/(1 + e^−v), evaluated so that the exponential never overflows. */
    static double sigmoid(double v) {
        if (v >= 0) {
            return 1 / (1 + StrictMath.exp(-v));
        }
        double e = StrictMath.exp(v);
        return e / (1 + e);
    }
}
