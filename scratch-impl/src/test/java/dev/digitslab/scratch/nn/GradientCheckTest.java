package dev.digitslab.scratch.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.scratch.TestSpecs;
import dev.digitslab.scratch.kernel.MatrixProducts;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every layer, both losses and whole networks against centred finite differences, in double precision. */
class GradientCheckTest {
    private static final Precision P = Precision.DOUBLE;
    private static final int BATCH = 5;

    private final SplittableRandom random = new SplittableRandom(7);
    private final MatrixProducts products = MatrixProducts.standard();

    private Tensor randomTensor(int rows, int cols, double scale) {
        Tensor t = P.matrix(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, scale * (2 * random.nextDouble() - 1));
        }
        return t;
    }

    /**
     * Checks a layer alone with f = Σ r ⊙ layer(x) for a fixed random r, so ∂f/∂output = r: the input
     * gradient and every parameter gradient.
     */
    private void checkLayer(String name, Layer layer, int in, int out, boolean training) {
        Tensor x = randomTensor(BATCH, in, 1.5);
        Tensor r = randomTensor(BATCH, out, 1);
        java.util.function.DoubleSupplier f = () -> {
            Tensor y = layer.forward(x, training);
            double sum = 0;
            for (int i = 0; i < y.size(); i++) {
                sum += r.get(i) * y.get(i);
            }
            return sum;
        };
        f.getAsDouble();
        Tensor dx = FiniteDifferences.copy(layer.backward(r));
        FiniteDifferences.check(name + " input", x, dx, f);
        for (Parameter p : layer.parameters()) {
            Tensor g = FiniteDifferences.copy(p.gradient());
            FiniteDifferences.check(p.name(), p.value(), g, f);
        }
    }

    @Test
    void denseLayerGradientsMatchFiniteDifferences() {
        DenseLayer dense = new DenseLayer(0, 7, 4, BATCH, P, products, true);
        dense.weights().value().copyFrom(randomTensor(7, 4, 1));
        dense.bias().value().copyFrom(randomTensor(1, 4, 1));
        checkLayer("dense", dense, 7, 4, true);
    }

    @Test
    void narrowDenseLayerGradientsMatchFiniteDifferences() {
        // One output: the products run transposed.
        DenseLayer dense = new DenseLayer(0, 9, 1, BATCH, P, products, true);
        dense.weights().value().copyFrom(randomTensor(9, 1, 1));
        checkLayer("dense", dense, 9, 1, true);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "RELU", "SIGMOID", "TANH"})
    void activationGradientsMatchFiniteDifferences(Activation function) {
        checkLayer(function.id(), new ActivationLayer(function, 6, BATCH, P), 6, 6, true);
    }

    @Test
    void dropoutGradientsMatchFiniteDifferencesWithAFixedMask() {
        DropoutLayer dropout = new DropoutLayer(0.4, 6, BATCH, P, new SplittableRandom(3));
        dropout.holdMask(true);
        checkLayer("dropout", dropout, 6, 6, true);
    }

    @Test
    void batchNormGradientsMatchFiniteDifferencesInTraining() {
        BatchNormLayer bn = new BatchNormLayer(0, 4, 0.9, 1e-5, BATCH, P);
        bn.gamma().value().copyFrom(randomTensor(1, 4, 2));
        bn.beta().value().copyFrom(randomTensor(1, 4, 1));
        checkLayer("batch-norm", bn, 4, 4, true);
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        Tensor logits = randomTensor(BATCH, 4, 3);
        int[] labels = {0, 3, 1, 2, 3};
        Loss loss = new SoftmaxCrossEntropyLoss();
        Tensor d = P.matrix(BATCH, 4);
        loss.lossAndGradient(logits, labels, d);
        FiniteDifferences.check("softmax cross-entropy", logits, d, () -> loss.loss(logits, labels));
    }

    @Test
    void binaryCrossEntropyGradientMatchesFiniteDifferences() {
        Tensor logits = randomTensor(BATCH, 1, 4);
        int[] labels = {0, 1, 1, 0, 1};
        Loss loss = new SigmoidCrossEntropyLoss();
        Tensor d = P.matrix(BATCH, 1);
        loss.lossAndGradient(logits, labels, d);
        FiniteDifferences.check("binary cross-entropy", logits, d, () -> loss.loss(logits, labels));
    }

    /** J = mean loss + L2 penalty, through every layer kind stacked; checks every parameter. */
    private void checkNetwork(ExperimentSpec spec, int inputs, int[] labels) {
        Network net = new Network(spec, inputs, BATCH, P, products, 11);
        for (Parameter p : net.parameters()) {
            if (!p.l2()) {
                p.value().copyFrom(randomTensor(p.value().rows(), p.value().cols(), 0.5)); // non-trivial γ, β, b
                if (p.name().endsWith("gamma")) {
                    p.value().copyFrom(randomTensor(p.value().rows(), p.value().cols(), 0.5));
                    for (int i = 0; i < p.value().size(); i++) {
                        p.value().add(i, 1);
                    }
                }
            }
        }
        for (Layer layer : net.layers()) {
            if (layer instanceof DropoutLayer d) {
                d.holdMask(true);
            }
        }
        Tensor x = randomTensor(BATCH, inputs, 1);
        java.util.function.DoubleSupplier objective =
                () -> net.loss().loss(net.forward(x, true), labels) + l2Penalty(net, spec.l2());
        net.computeGradients(x, labels);
        assertTrue(l2Penalty(net, spec.l2()) > 0 || spec.l2() == 0);
        for (Parameter p : net.parameters()) {
            FiniteDifferences.check(p.name(), p.value(), FiniteDifferences.copy(p.gradient()), objective);
        }
    }

    /** The objective's L2 term as ExperimentSpec defines it: (λ/2)·Σ w² over the dense weights. */
    private static double l2Penalty(Network net, double l2) {
        double sum = 0;
        for (Parameter p : net.parameters()) {
            if (p.l2()) {
                for (int i = 0; i < p.value().size(); i++) {
                    sum += p.value().get(i) * p.value().get(i);
                }
            }
        }
        return l2 / 2 * sum;
    }

    @Test
    void stackedMulticlassNetworkWithL2BatchNormAndDropoutMatchesFiniteDifferences() {
        ExperimentSpec spec = TestSpecs.multiclass("stacked", List.of(
                new LayerSpec.Dense(6, Activation.IDENTITY),
                new LayerSpec.BatchNorm(),
                new LayerSpec.ActivationLayer(Activation.TANH),
                new LayerSpec.Dropout(0.3),
                new LayerSpec.Dense(5, Activation.SIGMOID),
                new LayerSpec.Dense(4, Activation.RELU),
                new LayerSpec.Dense(10, Activation.SOFTMAX)), OptimizerSpec.adam(1e-3), 0.01, BATCH, 1);
        checkNetwork(spec, 8, new int[] {3, 9, 0, 3, 7});
    }

    @Test
    void stackedBinaryNetworkWithL2MatchesFiniteDifferences() {
        ExperimentSpec spec = TestSpecs.binary("stacked-binary", 0, 1, List.of(
                new LayerSpec.Dense(5, Activation.SIGMOID),
                new LayerSpec.Dense(3, Activation.TANH),
                new LayerSpec.Dense(1, Activation.SIGMOID)), OptimizerSpec.sgd(0.1), 0.05, BATCH, 1);
        checkNetwork(spec, 6, new int[] {0, 1, 1, 0, 1});
    }
}
