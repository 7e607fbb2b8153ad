package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.LayerParameters;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.train.TrainableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ParameterTransferTest {
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();
    private static final ExperimentSpec EVERY_LAYER = Specs.multiclass("every-layer", Specs.everyLayer(24, 0.3),
            OptimizerSpec.adam(1e-3), 0.0, null, 16, null);

    @Test
    void exportedDenseWeightsAreRowMajorInputByOutput() {
        FrameworkModel model = (FrameworkModel) TRAINER.create(EVERY_LAYER, 784, 3L, null);
        INDArray w = model.network().getLayer(0).getParam(DefaultParamInitializer.WEIGHT_KEY);
        assertEquals('f', w.ordering(), "Deeplearning4j's own layout, which the export must convert");
        LayerParameters.Dense dense = (LayerParameters.Dense) model.parameters().layers().get(0);
        assertEquals(784, dense.nIn());
        assertEquals(24, dense.nOut());
        for (int i = 0; i < 784; i += 13) {
            for (int j = 0; j < 24; j++) {
                assertEquals(w.getFloat(i, j), dense.weights()[i * 24 + j], 0f, "W[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void importThenExportReturnsTheSameFloatsExactly() {
        ModelParameters given = randomParameters(TRAINER.create(EVERY_LAYER, 784, 3L, null).parameters(), 17L);
        ModelParameters exported = TRAINER.create(EVERY_LAYER, 784, 99L, given).parameters();
        assertEquals(given.layout(), exported.layout());
        assertArrayEquals(given.flatten(), exported.flatten());
    }

    @Test
    void importedParametersDriveTheForwardPassInTheSharedLayout() {
        // 3 inputs → 2 softmax outputs with chosen weights: p = softmax(x·W + b), W row-major (nIn, nOut).
        ExperimentSpec spec = Specs.multiclass("tiny", List.of(new LayerSpec.Dense(10, Activation.SOFTMAX)),
                OptimizerSpec.sgd(0.1), 0.0, null, 4, null);
        float[] weights = new float[3 * 10];
        float[] bias = new float[10];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (k % 7) * 0.1f - 0.3f;
        }
        for (int j = 0; j < 10; j++) {
            bias[j] = j * 0.05f;
        }
        ModelParameters given = new ModelParameters(List.of(new LayerParameters.Dense(0, 3, 10, weights, bias)));
        TrainableModel model = TRAINER.create(spec, 3, 1L, given);
        float[] x = {0.2f, 0.5f, 0.9f};
        float[] p = model.predict(new ImageSet(x, new int[] {0}, new byte[] {0}, 1, 3, 10));
        double[] logits = new double[10];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < 10; j++) {
            logits[j] = bias[j];
            for (int i = 0; i < 3; i++) {
                logits[j] += x[i] * weights[i * 10 + j];
            }
            max = Math.max(max, logits[j]);
        }
        double z = 0;
        for (double l : logits) {
            z += Math.exp(l - max);
        }
        for (int j = 0; j < 10; j++) {
            assertEquals(Math.exp(logits[j] - max) / z, p[j], 1e-6, "output " + j);
        }
    }

    @Test
    void rejectsParametersOfAnotherLayout() {
        ModelParameters other = TRAINER.create(Specs.multiclass("other", Specs.mlp(12), OptimizerSpec.sgd(0.1), 0.0,
                null, 16, null), 784, 1L, null).parameters();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TRAINER.create(EVERY_LAYER, 784, 1L, other));
        assertTrue(e.getMessage().contains("dense[0] 784x24") && e.getMessage().contains("dense[0] 784x12"),
                e.getMessage());
    }

    @Test
    void modelDoesNotKeepAReferenceToTheGivenParameters() {
        ModelParameters given = randomParameters(TRAINER.create(EVERY_LAYER, 784, 3L, null).parameters(), 5L);
        float[] before = given.flatten();
        TrainableModel model = TRAINER.create(EVERY_LAYER, 784, 3L, given);
        ((LayerParameters.Dense) given.layers().get(0)).weights()[0] += 1f;
        assertEquals(before[0], model.parameters().flatten()[0], 0f);
    }

    /** Same layout as {@code layout}, every value drawn at random (running variances positive). */
    static ModelParameters randomParameters(ModelParameters layout, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LayerParameters> layers = new ArrayList<>();
        for (LayerParameters layer : layout.layers()) {
            if (layer instanceof LayerParameters.Dense d) {
                layers.add(new LayerParameters.Dense(d.layerIndex(), d.nIn(), d.nOut(), random(d.weights().length, random, -1),
                        random(d.bias().length, random, -1)));
            } else {
                LayerParameters.BatchNorm b = (LayerParameters.BatchNorm) layer;
                int n = b.features();
                layers.add(new LayerParameters.BatchNorm(b.layerIndex(), n, random(n, random, -1), random(n, random, -1),
                        random(n, random, -1), random(n, random, 0.1)));
            }
        }
        return new ModelParameters(layers);
    }

    private static float[] random(int n, SplittableRandom random, double low) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (low + random.nextDouble() * (1 - low));
        }
        return a;
    }
}
