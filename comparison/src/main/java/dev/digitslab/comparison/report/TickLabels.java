package dev.digitslab.comparison.report;

import java.util.Locale;
import java.util.function.Function;

/**
 * How the charts label their value axes. XChart's own labels drop the leading zero (".5") and mix "0.01" with
 * "1E-4" on a log axis; these keep it ("0.5") and give every tick of an axis the same number of decimals.
 */
final class TickLabels {
    /**
     * More ticks than XChart puts on any of the report's axes; deciding the decimals for this many makes them
     * enough for the step XChart picks (too few would make XChart drop every tick).
     */
    private static final int MOST_TICKS = 12;

    private TickLabels() {
    }

    /** Labels for a linear axis spanning [min, max]: "0.02", "0.10", "0.12", never ".1". */
    static Function<Double, String> linear(double min, double max) {
        int decimals = decimals(max - min);
        return v -> String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v); // no "-0.00"
    }

    /**
     * Decimals that show the smallest grid step (1, 2 or 5 × 10^k) XChart might choose for this span; 0 for
     * whole numbers.
     */
    static int decimals(double span) {
        if (!(span > 0) || Double.isInfinite(span)) {
            return 2;
        }
        double step = span / MOST_TICKS;
        int exponent = (int) Math.floor(Math.log10(step));
        double significand = step / Math.pow(10, exponent);
        if (significand > 5) {
            exponent++; // rounds up to 10 × 10^exponent
        }
        return Math.max(0, -exponent);
    }

    /** The pattern of every tick of a log axis: "1E-6" … "1E-2", not "1E-4" next to "0.001". */
    static final String LOG_PATTERN = "0E0";
}
