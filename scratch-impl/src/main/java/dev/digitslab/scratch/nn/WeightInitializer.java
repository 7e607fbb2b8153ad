package dev.digitslab.scratch.nn;

import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Draws dense weights (nIn, nOut) from the spec's scheme. Normal draws use Box–Muller with StrictMath on
 * a SplittableRandom, so a seed gives the same weights on every JVM and platform.
 */
public final class WeightInitializer {
    private WeightInitializer() {
    }

    public static void initialise(InitScheme scheme, Tensor weights, SplittableRandom random) {
        int fanIn = weights.rows();
        int fanOut = weights.cols();
        int n = weights.size();
        switch (scheme) {
            case XAVIER -> fillNormal(weights, Math.sqrt(2.0 / (fanIn + fanOut)), random);
            case XAVIER_UNIFORM -> fillUniform(weights, Math.sqrt(6.0 / (fanIn + fanOut)), random);
            case HE -> fillNormal(weights, Math.sqrt(2.0 / fanIn), random);
            case HE_UNIFORM -> fillUniform(weights, Math.sqrt(6.0 / fanIn), random);
            default -> throw new IllegalArgumentException("unknown init scheme " + scheme);
        }
        assert n == weights.size();
    }

    private static void fillNormal(Tensor w, double std, SplittableRandom random) {
        for (int i = 0; i < w.size(); i++) {
            w.set(i, std * standardNormal(random));
        }
    }

    /** U(−s, s). */
    private static void fillUniform(Tensor w, double s, SplittableRandom random) {
        for (int i = 0; i < w.size(); i++) {
            w.set(i, s * (2 * random.nextDouble() - 1));
        }
    }

    /** One N(0, 1) draw (Box–Muller, cosine branch; u1 in (0, 1] so the log is finite). */
    static double standardNormal(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
