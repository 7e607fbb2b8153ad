package dev.digitslab.framework;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.LayerParameters;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;

/**
 * Deeplearning4j's own full-batch gradient at given parameters, read off one plain-SGD step with learning
 * rate 1 (θ − g), so optimiser tests can replay the interface's update formulas on the exact gradients.
 */
final class BatchGradients {
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();

    private BatchGradients() {
    }

    /** (parameter count) the mean-loss gradient of {@code spec}'s network at {@code at} over all of {@code data}. */
    static float[] at(ExperimentSpec spec, ModelParameters at, ImageSet data) {
        ExperimentSpec sgd = new ExperimentSpec(spec.name(), spec.title(), spec.data(), spec.network(), spec.loss(),
                OptimizerSpec.sgd(1.0), spec.l2(), spec.init(), data.count(), 1, spec.seeds());
        var model = TRAINER.create(sgd, data.featureCount(), 1L, at);
        TrainingRun.trainEpoch(model, data, Specs.identityOrder(data.count()), 1, TrainingListener.NONE);
        float[] before = at.flatten();
        float[] after = model.parameters().flatten();
        float[] g = new float[before.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = before[i] - after[i];
        }
        return g;
    }

    /** Dense-only parameters of {@code layout}'s shape holding {@code flat}. */
    static ModelParameters withValues(ModelParameters layout, float[] flat) {
        ModelParameters copy = layout.copy();
        int at = 0;
        for (LayerParameters layer : copy.layers()) {
            LayerParameters.Dense d = (LayerParameters.Dense) layer;
            System.arraycopy(flat, at, d.weights(), 0, d.weights().length);
            at += d.weights().length;
            System.arraycopy(flat, at, d.bias(), 0, d.bias().length);
            at += d.bias().length;
        }
        return copy;
    }

    /** Two optimiser steps (two epochs of one full batch) of {@code spec} from {@code initial}. */
    static ModelParameters twoSteps(ExperimentSpec spec, ModelParameters initial, ImageSet data) {
        var model = TRAINER.create(spec.withBatchSize(data.count()), data.featureCount(), 1L, initial);
        TrainingRun.trainEpoch(model, data, Specs.identityOrder(data.count()), 1, TrainingListener.NONE);
        TrainingRun.trainEpoch(model, data, Specs.identityOrder(data.count()), 2, TrainingListener.NONE);
        return model.parameters();
    }
}
