package dev.digitslab.scratch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.scratch.kernel.WorkerPool;
import dev.digitslab.scratch.nn.Parameter;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static Parameter parameter(double... values) {
        Parameter p = new Parameter("p", Precision.DOUBLE, 1, values.length, true);
        for (int i = 0; i < values.length; i++) {
            p.value().set(i, values[i]);
        }
        return p;
    }

    private static void gradient(Parameter p, double... g) {
        for (int i = 0; i < g.length; i++) {
            p.gradient().set(i, g[i]);
        }
    }

    @Test
    void adamFirstStepIsLearningRateTimesSignOfGradient() {
        double[] g = {3.0, -0.02, 1e-3, -50};
        Parameter p = parameter(1, 1, 1, 1);
        gradient(p, g);
        Optimizer adam = Optimizer.of(OptimizerSpec.adam(0.01), List.of(p));
        adam.step();
        for (int i = 0; i < g.length; i++) {
            // Bias correction cancels the moments' (1 − β) factors: the step is lr·g/(|g| + ε/√(1 − β2)).
            double exact = 0.01 * g[i] / (Math.abs(g[i]) + 1e-8 / Math.sqrt(1 - 0.999));
            assertEquals(1 - exact, p.value().get(i), 1e-12, "element " + i);
            assertEquals(1 - 0.01 * Math.signum(g[i]), p.value().get(i), 1e-5, "≈ lr·sign(g), element " + i);
        }
    }

    @Test
    void adamSecondStepFollowsTheBiasCorrectedFormula() {
        Parameter p = parameter(0);
        Optimizer adam = Optimizer.of(OptimizerSpec.adam(0.1), List.of(p));
        gradient(p, 1);
        adam.step();
        gradient(p, 3);
        adam.step();
        double m = 0.9 * 0.1 + 0.1 * 3;
        double v = 0.999 * 0.001 + 0.001 * 9;
        double alpha = 0.1 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.9 * 0.9);
        double first = -0.1 * Math.sqrt(0.001) / (Math.sqrt(0.001) + 1e-8 * 1);
        assertEquals(first * 0.1 / 0.1 - alpha * m / (Math.sqrt(v) + 1e-8), p.value().get(0), 1e-9);
    }

    @Test
    void adamOnAPoolOfThreadsGivesTheSameBitsAsOnOneThread() {
        // Above the threshold the update is split into chunks over the pool; each element is computed alike.
        int n = WorkerPool.PARALLEL_ELEMENTS + 1_001; // thread ranges that end off a vector boundary
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            Parameter p = new Parameter("w", Precision.FLOAT, 1, n, true);
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < n; i++) {
                p.value().set(i, random.nextGaussian());
            }
            try (WorkerPool pool = new WorkerPool(run == 0 ? 1 : 3)) {
                Optimizer adam = Optimizer.of(OptimizerSpec.adam(0.01), List.of(p), run == 0 ? null : pool);
                for (int step = 0; step < 3; step++) {
                    for (int i = 0; i < n; i++) {
                        p.gradient().set(i, random.nextGaussian() * (i % 5 == 0 ? 1e-30 : 1)); // subnormal moments too
                    }
                    adam.step();
                }
            }
            results[run] = ((FloatTensor) p.value()).data().clone();
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        Parameter p = parameter(1, -2);
        gradient(p, 0.5, -1);
        Optimizer.of(OptimizerSpec.sgd(0.1), List.of(p)).step();
        assertEquals(0.95, p.value().get(0), 1e-12);
        assertEquals(-1.9, p.value().get(1), 1e-12);
    }

    @Test
    void momentumAccumulatesVelocity() {
        Parameter p = parameter(0);
        Optimizer opt = Optimizer.of(OptimizerSpec.momentum(0.1, 0.9, false), List.of(p));
        gradient(p, 1);
        opt.step(); // v = −0.1, θ = −0.1
        opt.step(); // v = −0.09 − 0.1 = −0.19, θ = −0.29
        assertEquals(-0.29, p.value().get(0), 1e-12);
    }

    @Test
    void nesterovUsesDeeplearning4jsForm() {
        Parameter p = parameter(0);
        Optimizer opt = Optimizer.of(OptimizerSpec.momentum(0.1, 0.9, true), List.of(p));
        gradient(p, 1);
        opt.step(); // v' = −0.1; θ = 0 − 0 + 1.9·(−0.1) = −0.19
        assertEquals(-0.19, p.value().get(0), 1e-12);
        opt.step(); // v' = −0.19; θ = −0.19 − 0.9·(−0.1) + 1.9·(−0.19) = −0.461
        assertEquals(-0.461, p.value().get(0), 1e-12);
    }

    @Test
    void everyOptimiserStoresParametersBelowTheFloorAsZeroInBothPrecisions() {
        for (Precision precision : Precision.values()) {
            for (OptimizerSpec spec : List.of(OptimizerSpec.sgd(0.5), new OptimizerSpec.Momentum(0.5, 0.5, false),
                    new OptimizerSpec.Momentum(0.5, 0.5, true), OptimizerSpec.adam(1e-3))) {
                Parameter p = new Parameter("p", precision, 1, 3, true);
                p.value().set(0, 1e-30);  // normal in both precisions, below 2⁻⁶⁴
                p.value().set(1, 0x1p-63);
                p.value().set(2, -0x1p-70);
                Optimizer.of(spec, List.of(p)).step(); // zero gradients: only the floor moves anything
                assertEquals(0.0, p.value().get(0), spec + " " + precision + ": 1e-30 becomes 0");
                assertEquals(0x1p-63, p.value().get(1), spec + " " + precision + ": 2⁻⁶³ stays");
                assertEquals(0.0, p.value().get(2), spec + " " + precision);
                assertEquals(0, Double.doubleToRawLongBits(p.value().get(2)), spec + " " + precision + ": +0, not −0");
            }
        }
    }

    @Test
    void everyOptimiserStoresSubnormalFloatParametersAndStateAsZero() {
        float tiny = Float.MIN_NORMAL / 4; // subnormal
        for (OptimizerSpec spec : List.of(OptimizerSpec.sgd(0.5), new OptimizerSpec.Momentum(0.5, 0.5, false),
                new OptimizerSpec.Momentum(0.5, 0.5, true), OptimizerSpec.adam(1e-30))) {
            Parameter p = new Parameter("p", Precision.FLOAT, 1, 3, true);
            p.value().set(0, tiny);
            p.value().set(1, 1);
            p.value().set(2, -tiny * 3);
            Optimizer optimizer = Optimizer.of(spec, List.of(p));
            p.gradient().set(0, 0);
            p.gradient().set(1, 0.5);
            p.gradient().set(2, 0);
            optimizer.step();
            assertEquals(0f, (float) p.value().get(0), spec + ": a subnormal weight with no gradient becomes 0");
            assertEquals(0f, (float) p.value().get(2), String.valueOf(spec));
            assertEquals(true, Math.abs(p.value().get(1)) >= Float.MIN_NORMAL, String.valueOf(spec));
            for (var state : optimizer.state()) {
                for (int i = 0; i < state.size(); i++) {
                    double x = state.get(i);
                    assertEquals(true, x == 0 || Math.abs(x) >= Float.MIN_NORMAL, spec + ": state " + x);
                }
            }
        }
    }
}
