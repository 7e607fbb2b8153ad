package dev.digitslab.comparison.eval;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The difference of the means of one metric between two groups of runs that do NOT share seeds (so cannot be
 * paired): Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom) with its 95% interval.
 * Where seeds are shared, {@link PairedDifference} is the sharper test and the one to use.
 *
 * @param first            the first group's mean and interval
 * @param second           the second group's
 * @param mean             mean of first minus mean of second
 * @param low              lower end of the 95% interval of that difference (NaN if either group has one value)
 * @param high             upper end
 * @param pValue           two-sided p-value (NaN if either group has one value)
 */
public record WelchDifference(MeanInterval first, MeanInterval second, double mean, double low, double high,
                              double pValue) {
    /** The name of the test, for the reports. */
    public static final String TEST = "two-sided Welch t-test";

    public static WelchDifference of(double[] first, double[] second) {
        MeanInterval a = MeanInterval.of(first);
        MeanInterval b = MeanInterval.of(second);
        double mean = a.mean() - b.mean();
        if (a.n() < 2 || b.n() < 2) {
            return new WelchDifference(a, b, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = a.std() * a.std() / a.n();
        double vb = b.std() * b.std() / b.n();
        if (va + vb == 0) {
            return new WelchDifference(a, b, mean, mean, mean, mean == 0 ? 1 : 0);
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
        double half = TDistribution.of(df).inverseSurvivalProbability((1 - MeanInterval.LEVEL) / 2) * Math.sqrt(va + vb);
        double p = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(first, second).getPValue();
        return new WelchDifference(a, b, mean, mean - half, mean + half, p);
    }

    public boolean significant() {
        return !Double.isNaN(pValue) && pValue < 1 - MeanInterval.LEVEL;
    }
}
