package dev.digitslab.scratch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerBehaviourTest {
    private final SplittableRandom random = new SplittableRandom(9);

    private Tensor randomTensor(Precision p, int rows, int cols, double scale, double offset) {
        Tensor t = p.matrix(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, offset + scale * (2 * random.nextDouble() - 1));
        }
        return t;
    }

    @Test
    void softmaxRowsSumToOne() {
        Tensor logits = randomTensor(Precision.FLOAT, 20, 10, 30, 0);
        Tensor p = Precision.FLOAT.matrix(20, 10);
        new SoftmaxCrossEntropyLoss().probabilities(logits, p);
        for (int r = 0; r < 20; r++) {
            double sum = 0;
            for (int j = 0; j < 10; j++) {
                assertTrue(p.get(r, j) >= 0 && p.get(r, j) <= 1);
                sum += p.get(r, j);
            }
            assertEquals(1.0, sum, 1e-6, "row " + r);
        }
    }

    @Test
    void crossEntropyStaysFiniteAtExtremeLogits() {
        Tensor logits = Precision.FLOAT.matrix(2, 3);
        logits.copyFrom(new float[] {1e30f, -1e30f, 0f, -3e38f, 3e38f, 3e38f});
        Tensor d = Precision.FLOAT.matrix(2, 3);
        double loss = new SoftmaxCrossEntropyLoss().lossAndGradient(logits, new int[] {1, 0}, d);
        assertTrue(Double.isFinite(loss), "loss " + loss);
        assertTrue(loss > 1e29, "confidently wrong rows cost a lot: " + loss);
        for (int i = 0; i < d.size(); i++) {
            assertTrue(Double.isFinite(d.get(i)), "gradient " + i + " = " + d.get(i));
        }
        double right = new SoftmaxCrossEntropyLoss().loss(logits, new int[] {0, 1});
        assertTrue(Double.isFinite(right) && right >= 0, "confidently right: " + right);
    }

    @Test
    void binaryCrossEntropyStaysFiniteAtExtremeLogits() {
        Tensor logits = Precision.FLOAT.matrix(4, 1);
        logits.copyFrom(new float[] {1e4f, -1e4f, 1e4f, -1e4f});
        Tensor d = Precision.FLOAT.matrix(4, 1);
        SigmoidCrossEntropyLoss bce = new SigmoidCrossEntropyLoss();
        assertEquals(0.0, bce.lossAndGradient(logits, new int[] {1, 0, 1, 0}, d), 1e-12);
        assertEquals(1e4, bce.lossAndGradient(logits, new int[] {0, 1, 0, 1}, d), 1e-6);
        for (int i = 0; i < 4; i++) {
            assertEquals(i % 2 == 0 ? 0.25 : -0.25, d.get(i), 1e-12);
        }
        Tensor p = Precision.FLOAT.matrix(4, 1);
        bce.probabilities(logits, p);
        assertEquals(1.0, p.get(0));
        assertEquals(0.0, p.get(1));
    }

    @Test
    void dropoutScalesKeptUnitsAndIsIdentityAtInference() {
        double rate = 0.25;
        DropoutLayer dropout = new DropoutLayer(rate, 100, 50, Precision.DOUBLE, new SplittableRandom(1));
        Tensor x = randomTensor(Precision.DOUBLE, 50, 100, 1, 2); // all in [1, 3], never 0
        Tensor y = dropout.forward(x, true);
        int dropped = 0;
        for (int i = 0; i < x.size(); i++) {
            if (y.get(i) == 0) {
                dropped++;
            } else {
                assertEquals(x.get(i) / (1 - rate), y.get(i), 1e-12);
            }
        }
        assertEquals(rate, dropped / (double) x.size(), 0.02, "fraction dropped");
        assertSame(x, dropout.forward(x, false), "inference passes the input through");
    }

    @Test
    void batchNormOutputHasZeroMeanAndUnitVariancePerFeatureInTraining() {
        BatchNormLayer bn = new BatchNormLayer(0, 6, 0.9, 1e-5, 64, Precision.DOUBLE);
        Tensor x = randomTensor(Precision.DOUBLE, 64, 6, 4, 7);
        Tensor y = bn.forward(x, true);
        for (int j = 0; j < 6; j++) {
            double mean = 0;
            for (int r = 0; r < 64; r++) {
                mean += y.get(r, j) / 64;
            }
            double var = 0;
            for (int r = 0; r < 64; r++) {
                var += (y.get(r, j) - mean) * (y.get(r, j) - mean) / 64;
            }
            assertEquals(0, mean, 1e-12, "mean of feature " + j);
            assertEquals(1, var, 1e-5, "variance of feature " + j);
        }
    }

    @Test
    void batchNormUpdatesRunningStatisticsWithDecayAndUsesThemAtInference() {
        BatchNormLayer bn = new BatchNormLayer(0, 1, 0.9, 1e-5, 4, Precision.DOUBLE);
        Tensor x = Precision.DOUBLE.matrix(4, 1);
        x.copyFrom(new float[] {1, 2, 3, 6}); // mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5
        bn.forward(x, true);
        assertEquals(0.9 * 0 + 0.1 * 3, bn.runningMean().get(0), 1e-12);
        assertEquals(0.9 * 1 + 0.1 * 3.5, bn.runningVar().get(0), 1e-12);
        Tensor y = bn.forward(x, false);
        assertEquals((6 - 0.3) / Math.sqrt(1.25 + 1e-5), y.get(3), 1e-12);
    }

    @Test
    void weightInitialisationHasTheSchemesSpread() {
        Tensor w = Precision.DOUBLE.matrix(300, 200);
        WeightInitializer.initialise(dev.digitslab.api.spec.InitScheme.HE, w, new SplittableRandom(3));
        double sumSq = 0;
        for (int i = 0; i < w.size(); i++) {
            sumSq += w.get(i) * w.get(i);
        }
        assertEquals(2.0 / 300, sumSq / w.size(), 0.05 * 2.0 / 300, "He normal variance");
        WeightInitializer.initialise(dev.digitslab.api.spec.InitScheme.XAVIER_UNIFORM, w, new SplittableRandom(3));
        double s = Math.sqrt(6.0 / 500);
        double max = 0;
        sumSq = 0;
        for (int i = 0; i < w.size(); i++) {
            max = Math.max(max, Math.abs(w.get(i)));
            sumSq += w.get(i) * w.get(i);
        }
        assertTrue(max <= s && max > 0.99 * s, "bound " + max + " vs " + s);
        assertEquals(2.0 / 500, sumSq / w.size(), 0.05 * 2.0 / 500, "Glorot variance");
    }
}
