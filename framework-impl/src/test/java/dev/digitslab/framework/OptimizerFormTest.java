package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * Deeplearning4j's Adam and Nesterov updaters replayed against the formulas in {@link OptimizerSpec}'s
 * Javadoc, on Deeplearning4j's own gradients, for two steps (so the bias corrections and velocities matter).
 */
class OptimizerFormTest {
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();
    private static final ImageSet DATA = Specs.randomImages(32, 784, 10, 12L);

    @Test
    void adamUsesTheBiasCorrectedStepSizeWithEpsilonOutsideTheCorrection() {
        // A large ε makes its placement visible: α_t·m/(√v + ε), not lr·m̂/(√v̂ + ε).
        double lr = 0.01;
        double b1 = 0.8;
        double b2 = 0.95;
        double eps = 1e-3;
        ExperimentSpec spec = spec(new OptimizerSpec.Adam(lr, b1, b2, eps));
        ModelParameters theta0 = TRAINER.create(spec, 784, 1L, null).parameters();
        float[] t = theta0.flatten();
        int n = t.length;
        double[] m = new double[n];
        double[] v = new double[n];
        float[] expected = t.clone();
        for (int step = 1; step <= 2; step++) {
            float[] g = BatchGradients.at(spec, BatchGradients.withValues(theta0, expected), DATA);
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                expected[i] = (float) (expected[i] - alpha * m[i] / (Math.sqrt(v[i]) + eps));
            }
        }
        assertClose(expected, BatchGradients.twoSteps(spec, theta0, DATA).flatten(), 2e-6);
    }

    @Test
    void nesterovMomentumFollowsTheDl4jForm() {
        double lr = 0.05;
        double mu = 0.9;
        ExperimentSpec spec = spec(OptimizerSpec.momentum(lr, mu, true));
        ModelParameters theta0 = TRAINER.create(spec, 784, 1L, null).parameters();
        float[] expected = theta0.flatten();
        double[] velocity = new double[expected.length];
        for (int step = 1; step <= 2; step++) {
            float[] g = BatchGradients.at(spec, BatchGradients.withValues(theta0, expected), DATA);
            for (int i = 0; i < g.length; i++) {
                double next = mu * velocity[i] - lr * g[i];
                expected[i] = (float) (expected[i] - mu * velocity[i] + (1 + mu) * next);
                velocity[i] = next;
            }
        }
        assertClose(expected, BatchGradients.twoSteps(spec, theta0, DATA).flatten(), 1e-6);
    }

    private static ExperimentSpec spec(OptimizerSpec optimizer) {
        return Specs.multiclass("optimizer", Specs.mlp(16), optimizer, 0.0, null, 32, null);
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance) {
        double maxError = 0;
        int worst = -1;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.abs((double) expected[i] - actual[i]);
            if (e > maxError) {
                maxError = e;
                worst = i;
            }
        }
        assertTrue(maxError < tolerance, "max |expected - actual| = " + maxError + " at parameter " + worst);
    }
}
