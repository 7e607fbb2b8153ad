package dev.digitslab.framework;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.SpecValidator;
import dev.digitslab.api.spec.TaskSpec;
import java.util.List;
import java.util.SplittableRandom;

/** Valid experiment specs and small data sets for the tests. */
final class Specs {
    private Specs() {
    }

    static ExperimentSpec multiclass(String name, List<LayerSpec> network, OptimizerSpec optimizer, double l2,
                                     InitScheme init, int batchSize, Integer subset) {
        return SpecValidator.validate(new ExperimentSpec(name, null,
                new DataSpec("mnist", new TaskSpec.Multiclass(), null, subset), network,
                LossKind.CATEGORICAL_CROSS_ENTROPY, optimizer, l2, init, batchSize, 1, null), name);
    }

    static ExperimentSpec digitVsRest(String name, int digit, List<LayerSpec> network, OptimizerSpec optimizer,
                                      int batchSize, int epochs) {
        return SpecValidator.validate(new ExperimentSpec(name, null,
                new DataSpec("mnist", new TaskSpec.DigitVsRest(digit), null, null), network,
                LossKind.BINARY_CROSS_ENTROPY, optimizer, 0.0, null, batchSize, epochs, null), name);
    }

    /** 784-hidden(ReLU)-10(softmax). */
    static List<LayerSpec> mlp(int hidden) {
        return List.of(new LayerSpec.Dense(hidden, Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX));
    }

    /** Every layer type: dense → batch norm → relu → dropout → dense(softmax). */
    static List<LayerSpec> everyLayer(int hidden, double dropRate) {
        return List.of(new LayerSpec.Dense(hidden, Activation.IDENTITY), new LayerSpec.BatchNorm(),
                new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.Dropout(dropRate),
                new LayerSpec.Dense(10, Activation.SOFTMAX));
    }

    /** {@code count} random images of width {@code features} with labels 0..classes−1, from a fixed seed. */
    static ImageSet randomImages(int count, int features, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        int[] labels = new int[count];
        byte[] digits = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
            digits[i] = (byte) labels[i];
        }
        return new ImageSet(x, labels, digits, count, features, classes);
    }

    static int[] identityOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
