package dev.digitslab.scratch;

import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.SpecValidator;
import dev.digitslab.api.spec.TaskSpec;
import java.util.List;

/** Specs for tests, validated like a spec file would be. */
public final class TestSpecs {
    private TestSpecs() {
    }

    public static ExperimentSpec multiclass(String name, List<LayerSpec> network, OptimizerSpec optimizer, double l2,
                                            int batchSize, int epochs) {
        return SpecValidator.validate(new ExperimentSpec(name, null, new DataSpec("mnist", new TaskSpec.Multiclass(),
                null, null), network, LossKind.CATEGORICAL_CROSS_ENTROPY, optimizer, l2, InitScheme.XAVIER,
                batchSize, epochs, null), name);
    }

    public static ExperimentSpec binary(String name, int negative, int positive, List<LayerSpec> network,
                                        OptimizerSpec optimizer, double l2, int batchSize, int epochs) {
        return SpecValidator.validate(new ExperimentSpec(name, null, new DataSpec("mnist",
                new TaskSpec.DigitVsDigit(negative, positive), null, null), network, LossKind.BINARY_CROSS_ENTROPY,
                optimizer, l2, InitScheme.XAVIER, batchSize, epochs, null), name);
    }

    /** 784-128(ReLU)-10(softmax), the benchmark network. */
    public static ExperimentSpec mlp128(OptimizerSpec optimizer, int batchSize, int epochs) {
        return multiclass("mlp-128", List.of(new LayerSpec.Dense(128, dev.digitslab.api.spec.Activation.RELU),
                new LayerSpec.Dense(10, dev.digitslab.api.spec.Activation.SOFTMAX)), optimizer, 0, batchSize, epochs);
    }
}
