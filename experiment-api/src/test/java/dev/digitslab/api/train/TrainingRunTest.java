package dev.digitslab.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    /** {@code count} 4-pixel images of digits 0..9 in turn, pixel values i/count. */
    private static ImageSet images(int count) {
        float[] features = new float[count * 4]; // (count, 4)
        int[] labels = new int[count];
        byte[] digits = new byte[count];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(features, i * 4, i * 4 + 4, i / (float) count);
            labels[i] = i % 10;
            digits[i] = (byte) (i % 10);
        }
        return new ImageSet(features, labels, digits, count, 4, 10);
    }

    @Test
    void rejectsABatchLargerThanTheTrainingSplitBeforeBuildingAModel() {
        Splits splits = new Splits(new TaskSpec.Multiclass(), 42, images(50), images(10), images(10));
        ExperimentSpec spec = new ExperimentSpec("big-batch", null, new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, 60),
                List.of(new LayerSpec.Dense(10, Activation.SOFTMAX)), LossKind.CATEGORICAL_CROSS_ENTROPY,
                OptimizerSpec.sgd(0.1), 0.0, InitScheme.XAVIER, 64, 1, null);
        // No trainer is needed: the check comes before any model is built (a model would fail with an NPE here).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.run(null, spec, splits, 42, null, 1, TrainingListener.NONE, model -> { }));
        assertEquals("spec big-batch: batchSize 64 is larger than the training split (50 images)", e.getMessage());
    }

    @Test
    void rejectsAnOrderThatDoesNotCoverTheTrainingRows() {
        // No model is needed: the check comes before the first batch step.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.trainEpoch(null, images(10), new int[9], 1, TrainingListener.NONE));
        assertEquals("order has 9 entries for 10 training images", e.getMessage());
    }
}
