package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

class ClassicMomentumTest {
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();

    @Test
    void updaterFollowsTheHeavyBallRecurrence() {
        double lr = 0.1;
        double mu = 0.9;
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 3);
        GradientUpdater<?> updater = new ClassicMomentum(lr, mu).instantiate(state, true);
        float[] g1 = {1f, -2f, 0.5f};
        float[] g2 = {0.25f, 4f, -1f};

        INDArray u1 = Nd4j.createFromArray(g1).reshape(1, 3);
        updater.applyUpdater(u1, 0, 0);
        INDArray u2 = Nd4j.createFromArray(g2).reshape(1, 3);
        updater.applyUpdater(u2, 1, 0);

        for (int i = 0; i < 3; i++) {
            double v1 = -lr * g1[i];
            double v2 = mu * v1 - lr * g2[i];
            // Deeplearning4j subtracts the updater's output: θ ← θ − u, so u = −v.
            assertEquals(-v1, u1.getDouble(0, i), 1e-6, "step 1, parameter " + i);
            assertEquals(-v2, u2.getDouble(0, i), 1e-6, "step 2, parameter " + i);
            assertEquals(v2, state.getDouble(0, i), 1e-6, "velocity is the updater state");
        }
    }

    @Test
    void zeroMomentumTrainsBitIdenticallyToPlainSgd() {
        ImageSet data = Specs.randomImages(96, 784, 10, 4L);
        ModelParameters initial = TRAINER.create(spec(OptimizerSpec.sgd(0.1)), 784, 1L, null).parameters();
        ModelParameters sgd = BatchGradients.twoSteps(spec(OptimizerSpec.sgd(0.1)), initial, data);
        ModelParameters momentum = BatchGradients.twoSteps(spec(OptimizerSpec.momentum(0.1, 0.0, false)), initial, data);
        assertArrayEquals(sgd.flatten(), momentum.flatten());
    }

    @Test
    void networkStepsMatchTheRecurrenceComputedFromDl4jGradients() {
        double lr = 0.05;
        double mu = 0.9;
        ImageSet data = Specs.randomImages(32, 784, 10, 6L);
        ExperimentSpec spec = spec(OptimizerSpec.momentum(lr, mu, false));
        ModelParameters theta0 = TRAINER.create(spec, 784, 1L, null).parameters();
        float[] t0 = theta0.flatten();
        float[] g0 = BatchGradients.at(spec, theta0, data);
        float[] t1 = new float[t0.length];
        for (int i = 0; i < t0.length; i++) {
            t1[i] = (float) (t0[i] - lr * g0[i]);
        }
        float[] g1 = BatchGradients.at(spec, BatchGradients.withValues(theta0, t1), data);

        float[] t2 = BatchGradients.twoSteps(spec, theta0, data).flatten();
        double maxError = 0;
        for (int i = 0; i < t0.length; i++) {
            double v1 = -lr * g0[i];
            double v2 = mu * v1 - lr * g1[i];
            maxError = Math.max(maxError, Math.abs(t1[i] + v2 - t2[i]));
        }
        assertTrue(maxError < 1e-6, "max |expected - actual| = " + maxError);
    }

    @Test
    void survivesTheConfigurationsJsonRoundTrip() {
        MultiLayerConfiguration conf = NetworkConfigurationMapper.map(spec(OptimizerSpec.momentum(0.05, 0.8, false)),
                784, 1L, WorkspaceMode.ENABLED);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(new ClassicMomentum(0.05, 0.8), ((BaseLayer) restored.getConf(0).getLayer()).getIUpdater());
    }

    private static ExperimentSpec spec(OptimizerSpec optimizer) {
        return Specs.multiclass("momentum", Specs.mlp(16), optimizer, 0.0, null, 32, null);
    }
}
