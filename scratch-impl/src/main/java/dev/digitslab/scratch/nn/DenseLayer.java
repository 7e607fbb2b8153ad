package dev.digitslab.scratch.nn;

import dev.digitslab.scratch.kernel.MatrixProducts;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Affine map y = x·W + b; its activation, if any, is a separate {@link ActivationLayer}. */
public final class DenseLayer implements Layer {
    private final int specIndex;
    private final MatrixProducts products;
    private final boolean computeInputGradient;
    private final Parameter weights; // (nIn, nOut) row-major, the shared layout
    private final Parameter bias;    // (1, nOut)
    private final Tensor y;          // (batch, nOut)
    private final Tensor dx;         // (batch, nIn), null for the first layer
    private final double[] biasSums; // (nOut) ∂b summed in double before it is stored
    private Tensor x;                // (batch, nIn), the input of the last forward (not owned)

    /**
     * @param specIndex            index in the spec's network, for the parameter layout
     * @param capacity             the largest batch
     * @param computeInputGradient false for the first layer, whose input is the data
     */
    public DenseLayer(int specIndex, int nIn, int nOut, int capacity, Precision precision, MatrixProducts products,
                      boolean computeInputGradient) {
        this.specIndex = specIndex;
        this.products = products;
        this.computeInputGradient = computeInputGradient;
        this.weights = new Parameter("dense[" + specIndex + "].weights", precision, nIn, nOut, true);
        this.bias = new Parameter("dense[" + specIndex + "].bias", precision, 1, nOut, false);
        this.y = precision.matrix(capacity, nOut);
        this.dx = computeInputGradient ? precision.matrix(capacity, nIn) : null;
        this.biasSums = new double[nOut];
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        this.x = x;
        int batch = x.rows();
        int nOut = y.cols();
        products.multiply(x, weights.value(), y.useRows(batch)); // y = x·W
        Tensor b = bias.value();
        if (y instanceof FloatTensor fy && b instanceof FloatTensor fb) {
            products.kernels().addBias(fy.data(), fb.data(), batch, nOut); // the loop below, vectorised
            return y;
        }
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < nOut; j++) {
                y.add(r * nOut + j, b.get(j));                   // + b, broadcast over rows
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int batch = dy.rows();
        int nOut = dy.cols();
        products.multiplyTransposedA(x, dy, weights.gradient()); // ∂W = xᵀ·dy
        Tensor db = bias.gradient();
        Arrays.fill(biasSums, 0);
        if (dy instanceof FloatTensor fdy) {
            products.kernels().addColumnSums(fdy.data(), batch, nOut, biasSums); // the loop below, vectorised
        } else {
            for (int r = 0; r < batch; r++) {                    // row by row: dy is read in storage order
                for (int j = 0; j < nOut; j++) {
                    biasSums[j] += dy.get(r * nOut + j);         // ∂b = Σ over rows of dy
                }
            }
        }
        for (int j = 0; j < nOut; j++) {
            db.set(j, biasSums[j]);
        }
        if (!computeInputGradient) {
            return null;
        }
        products.multiplyTransposedB(dy, weights.value(), dx.useRows(batch)); // ∂x = dy·Wᵀ
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    public int specIndex() {
        return specIndex;
    }

    public int inputs() {
        return weights.value().rows();
    }

    public int outputs() {
        return weights.value().cols();
    }

    public Parameter weights() {
        return weights;
    }

    public Parameter bias() {
        return bias;
    }
}
