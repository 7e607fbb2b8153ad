package dev.digitslab.comparison.eval;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The mean of one metric over seeds with its 95% confidence interval from Student's t distribution
 * (mean ± t<sub>0.975, n−1</sub> · std / √n). Seeds are few (3–10), so the t quantile, not 1.96, sets the width:
 * with 5 seeds it is 2.78. The interval assumes the per-seed values scatter roughly normally; with one seed it is
 * undefined (NaN), and with identical values (a deterministic result) it has zero width.
 *
 * @param n    how many values
 * @param mean their mean (NaN if none)
 * @param std  their sample standard deviation, n − 1 in the denominator (0 for one value)
 * @param low  lower end of the 95% interval (NaN with fewer than two values)
 * @param high upper end of the 95% interval (NaN with fewer than two values)
 */
public record MeanInterval(int n, double mean, double std, double low, double high) {
    /** The confidence level of every interval the reports show. */
    public static final double LEVEL = 0.95;

    public static MeanInterval of(double... values) {
        SeedStatistics s = SeedStatistics.of(values);
        if (s.n() < 2) {
            return new MeanInterval(s.n(), s.mean(), s.std(), Double.NaN, Double.NaN);
        }
        double half = tQuantile(s.n() - 1) * s.std() / Math.sqrt(s.n());
        return new MeanInterval(s.n(), s.mean(), s.std(), s.mean() - half, s.mean() + half);
    }

    /** Whether the interval is defined (two values or more). */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    /** Whether zero lies outside the interval: the mean differs from 0 at the 5% level (two-sided). */
    public boolean excludesZero() {
        return hasInterval() && (low > 0 || high < 0);
    }

    /** The two-sided (1 − LEVEL) critical value of Student's t with the given degrees of freedom. */
    static double tQuantile(int degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).inverseSurvivalProbability((1 - LEVEL) / 2);
    }
}
