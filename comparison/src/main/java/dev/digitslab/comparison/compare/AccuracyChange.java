package dev.digitslab.comparison.compare;

import dev.digitslab.comparison.eval.MeanInterval;
import dev.digitslab.comparison.eval.PairedDifference;
import dev.digitslab.comparison.eval.WelchDifference;
import dev.digitslab.comparison.results.RunResult;
import java.util.List;
import java.util.Map;

/**
 * One experiment and implementation in both result sets: test accuracy in each (mean and interval over seeds) and
 * the change second minus first. When both ran the same seeds (two runs of one catalogue, on two machines or two
 * commits), the change is paired by seed: a seed fixes the split, batch order and initialisation, so what is left is
 * what differs between the two sets. Otherwise the groups are independent and Welch's test compares them.
 *
 * @param change mean change in test accuracy, second minus first (a fraction)
 * @param low    lower end of its 95% interval (NaN when a set has one seed)
 * @param high   upper end
 * @param pValue two-sided p-value (NaN when a set has one seed)
 * @param test   the test used
 */
public record AccuracyChange(String study, String spec, String implementation, MeanInterval first,
                             MeanInterval second, double change, double low, double high, double pValue, String test) {

    static AccuracyChange of(String study, String spec, String implementation, List<RunResult> first,
                             List<RunResult> second) {
        Map<Long, Double> a = RunResult.bySeed(first, r -> r.test().accuracy());
        Map<Long, Double> b = RunResult.bySeed(second, r -> r.test().accuracy());
        double[] x = a.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = b.values().stream().mapToDouble(Double::doubleValue).toArray();
        MeanInterval ma = MeanInterval.of(x);
        MeanInterval mb = MeanInterval.of(y);
        if (a.keySet().equals(b.keySet())) {
            PairedDifference d = PairedDifference.of(y, x);
            return new AccuracyChange(study, spec, implementation, ma, mb, d.mean(), d.differences().low(),
                    d.differences().high(), d.pValue(), d.n() > 1 ? "paired by seed" : "one seed, no test");
        }
        WelchDifference w = WelchDifference.of(y, x);
        return new AccuracyChange(study, spec, implementation, ma, mb, w.mean(), w.low(), w.high(), w.pValue(),
                "Welch (seeds differ)");
    }

    /** The experiment as the reports name it: the spec, under its study's name when that is not in it. */
    public String experiment() {
        return spec.startsWith(study) ? spec : study + "/" + spec;
    }

    /** Significant at the 5% level (two-sided). */
    public boolean significant() {
        return !Double.isNaN(pValue) && pValue < 1 - MeanInterval.LEVEL;
    }
}
