package dev.digitslab.scratch.nn;

import static org.junit.jupiter.api.Assertions.fail;

import dev.digitslab.scratch.tensor.Tensor;
import java.util.function.DoubleSupplier;

/**
 * Centred finite differences in double precision: for each element θ of a tensor,
 * (f(θ + h) − f(θ − h)) / 2h against the analytic derivative, with the relative error
 * |a − n| / max(|a| + |n|, floor) required below a tolerance.
 */
final class FiniteDifferences {
    static final double H = 1e-5;
    static final double TOLERANCE = 1e-6;
    static final double FLOOR = 1e-7;

    private FiniteDifferences() {
    }

    /** Checks every element of {@code variable} against {@code analytic}, with f re-evaluated each time. */
    static void check(String what, Tensor variable, Tensor analytic, DoubleSupplier f) {
        int n = variable.size();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double original = variable.get(i);
            variable.set(i, original + H);
            double plus = f.getAsDouble();
            variable.set(i, original - H);
            double minus = f.getAsDouble();
            variable.set(i, original);
            double numeric = (plus - minus) / (2 * H);
            double a = analytic.get(i);
            double error = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), FLOOR);
            worst = Math.max(worst, error);
            if (error > TOLERANCE) {
                fail(what + "[" + i + "]: analytic " + a + ", numeric " + numeric + ", relative error " + error);
            }
        }
        if (n == 0) {
            fail(what + ": nothing to check");
        }
    }

    /** A copy of a tensor (the analytic gradient must not change while f is re-evaluated). */
    static Tensor copy(Tensor t) {
        Tensor c = t.precision().matrix(t.rows(), t.cols());
        c.copyFrom(t);
        return c;
    }
}
