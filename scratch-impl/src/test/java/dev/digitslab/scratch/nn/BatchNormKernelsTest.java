package dev.digitslab.scratch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.Kernels;
import dev.digitslab.scratch.kernel.ScalarKernels;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Batch norm in float32 through either kernel gives the layer's own loops to the last bit. */
class BatchNormKernelsTest {
    private static final int[] BATCHES = {1, 2, 3, 5, 128};
    /** Around and between the vector widths (4, 8 and 16 lanes of double or float), and a wide layer. */
    private static final int[] FEATURES = {1, 3, 4, 7, 9, 17, 33, 131};

    /** Three layers of one shape: the loops (no kernels), the scalar kernels, the vector kernels. */
    private static BatchNormLayer[] layers(int features, int batch) {
        Kernels vector = KernelSelection.kernels();
        assertTrue(vector.description().startsWith("Vector API"), "tests run with the vector module");
        Kernels[] kernels = {null, new ScalarKernels(), vector};
        BatchNormLayer[] out = new BatchNormLayer[kernels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BatchNormLayer(0, features, 0.9, 1e-5, batch, Precision.FLOAT, kernels[i]);
        }
        return out;
    }

    private static Tensor random(SplittableRandom random, int rows, int cols, double scale, double offset) {
        Tensor t = Precision.FLOAT.matrix(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            // a few exact zeros and repeated values, as ReLU outputs and constant pixels give
            double u = random.nextDouble();
            t.set(i, u < 0.1 ? 0 : u < 0.15 ? offset : offset + scale * (2 * random.nextDouble() - 1));
        }
        return t;
    }

    private static final String[] OUTPUTS = {"training output", "input gradient", "∂γ", "∂β", "running mean",
        "running variance", "inference output"};

    /** One training forward and backward, then an inference forward: each of OUTPUTS as it stands afterwards. */
    private static float[][] step(BatchNormLayer layer, Tensor x, Tensor dy) {
        float[] y = layer.forward(x, true).toFloatArray();
        float[] dx = layer.backward(dy).toFloatArray();
        float[] inference = layer.forward(x, false).toFloatArray();
        return new float[][] {y, dx, layer.gamma().gradient().toFloatArray(), layer.beta().gradient().toFloatArray(),
            layer.runningMean().toFloatArray(), layer.runningVar().toFloatArray(), inference};
    }

    @Test
    void trainingForwardBackwardAndInferenceEqualTheLoopsBitForBitWithEitherKernels() {
        SplittableRandom random = new SplittableRandom(13);
        for (int batch : BATCHES) {
            for (int features : FEATURES) {
                BatchNormLayer[] bn = layers(features, batch);
                Tensor gamma = random(random, 1, features, 0.5, 1);
                Tensor beta = random(random, 1, features, 0.5, 0);
                for (BatchNormLayer layer : bn) {
                    layer.gamma().value().copyFrom(gamma);
                    layer.beta().value().copyFrom(beta);
                }
                // two steps, so the second starts from running statistics the first updated
                for (int step = 0; step < 2; step++) {
                    String shape = "batch " + batch + ", " + features + " features, step " + step;
                    Tensor x = random(random, batch, features, 3, step == 0 ? 0.5 : -20);
                    Tensor dy = random(random, batch, features, 1e-3, 0);
                    float[][] expected = step(bn[0], x, dy);
                    for (int k = 1; k < bn.length; k++) {
                        float[][] actual = step(bn[k], x, dy);
                        for (int o = 0; o < OUTPUTS.length; o++) {
                            assertArrayEquals(expected[o], actual[o], OUTPUTS[o] + ", " + (k == 1 ? "scalar" : "vector")
                                    + " kernels, " + shape); // compares float bits, +0 and −0 apart
                        }
                    }
                }
            }
        }
    }
}
