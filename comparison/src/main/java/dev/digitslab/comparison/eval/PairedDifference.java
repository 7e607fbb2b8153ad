package dev.digitslab.comparison.eval;

import org.apache.commons.statistics.inference.TTest;

/**
 * The difference of one metric between two conditions measured on the same seeds (a variant against the
 * baseline, or one implementation against the other), paired by seed: the same seed gives both the same split,
 * batch order and (within an implementation) initialisation, so the per-seed differences cancel what the seed
 * alone decides.
 *
 * <p>The test is the paired t-test (two-sided, n − 1 degrees of freedom) on the per-seed differences, with the
 * matching 95% t interval. It suits the few seeds a study can afford: an exact sign or signed-rank test over
 * 5 seeds can never give p &lt; 0.0625, so it could never call anything significant. Its assumption (roughly
 * normal per-seed differences) is the price, and the interval is reported beside the p-value so the size of an
 * effect is never read from p alone. When every difference is the same (both deterministic, e.g. identical
 * results), the t statistic is undefined: p is 1 for zero differences and 0 otherwise.
 *
 * @param differences per-seed differences, first minus second, with their mean and 95% interval
 * @param tStatistic  the paired t statistic (NaN when every difference is the same)
 * @param pValue      two-sided p-value of the paired t-test (NaN with fewer than two seeds)
 */
public record PairedDifference(MeanInterval differences, double tStatistic, double pValue) {
    /** The name of the test, for the reports. */
    public static final String TEST = "two-sided paired t-test over seeds";

    /** First minus second, seed by seed: {@code first[i]} and {@code second[i]} come from the same seed. */
    public static PairedDifference of(double[] first, double[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("paired values need one of each per seed: " + first.length + " and "
                    + second.length);
        }
        double[] d = new double[first.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = first[i] - second[i];
        }
        MeanInterval interval = MeanInterval.of(d);
        if (d.length < 2) {
            return new PairedDifference(interval, Double.NaN, Double.NaN);
        }
        if (interval.std() == 0) {
            return new PairedDifference(interval, Double.NaN, interval.mean() == 0 ? 1 : 0);
        }
        TTest.Result t = TTest.withDefaults().pairedTest(first, second);
        return new PairedDifference(interval, t.getStatistic(), t.getPValue());
    }

    public int n() {
        return differences.n();
    }

    public double mean() {
        return differences.mean();
    }

    /** Significant at the 5% level (two-sided). */
    public boolean significant() {
        return !Double.isNaN(pValue) && pValue < 1 - MeanInterval.LEVEL;
    }
}
