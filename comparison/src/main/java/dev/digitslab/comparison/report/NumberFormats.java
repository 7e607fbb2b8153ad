package dev.digitslab.comparison.report;

import dev.digitslab.comparison.eval.MeanInterval;
import dev.digitslab.comparison.eval.SeedStatistics;
import java.util.Locale;

/**
 * How the report writes numbers. Every number in a report goes through here, so one kind of value always reads
 * the same, in every locale; a missing value (NaN) reads "—" wherever a fixed number of digits is asked for.
 */
final class NumberFormats {
    private NumberFormats() {
    }

    /** A fraction as a percentage with two decimals: 0.98765 → "98.77%". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** Mean ± standard deviation over seeds as percentages; the mean alone for one seed. */
    static String percent(SeedStatistics s) {
        return s.n() > 1 ? String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * s.mean(), 100 * s.std())
                : percent(s.mean());
    }

    /**
     * A difference with its 95% interval, scaled (100 for accuracy points): "+0.12 [−0.05, +0.29]"; the mean alone
     * when there is no interval (one seed).
     */
    static String signedInterval(MeanInterval d, double scale, int digits) {
        String mean = signed(scale * d.mean(), digits);
        return d.hasInterval() ? mean + " [" + signed(scale * d.low(), digits) + ", " + signed(scale * d.high(), digits)
                + "]" : mean;
    }

    static String fixed(double x, int digits) {
        return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    /** With its sign, for a change: "+0.12". */
    static String signed(double x, int digits) {
        return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, "%+." + digits + "f", x);
    }

    /** Tiny differences and distances: "1.23e-07". */
    static String scientific(double x) {
        return String.format(Locale.ROOT, "%.2e", x);
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "—";
        }
        return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : "< 0.001";
    }

    static String seconds(double s) {
        return fixed(s, 2);
    }

    /** Parameter counts, with thousands separators: "101,770". */
    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes in MiB without decimals: 734003200 → "700"; "—" when unknown (negative). */
    static String mebibytes(long bytes) {
        return bytes < 0 ? "—" : String.format(Locale.ROOT, "%,d", Math.round(bytes / 1048576.0));
    }

    /** Seeds, epochs, image counts. */
    static String integer(long n) {
        return Long.toString(n);
    }

    /** The exact value for machine reading (history.csv); empty when missing. */
    static String exact(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }
}
