package dev.digitslab.comparison.report;

import dev.digitslab.comparison.eval.PairedDifference;
import dev.digitslab.comparison.results.RunResult;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Two groups of runs paired by seed, for {@link PairedDifference}: a seed fixes the split and the batch order, so
 * two runs with one seed (a variant and the baseline, or the two implementations) differ by what is compared and
 * by training noise only. Seeds where either run failed are left out.
 */
final class SeedPairs {
    private SeedPairs() {
    }

    /** {@code metric(first) − metric(second)} over the seeds both groups ran successfully. */
    static PairedDifference difference(List<RunResult> first, List<RunResult> second, ToDoubleFunction<RunResult> metric) {
        Map<Long, Double> a = RunResult.bySeed(first, metric);
        Map<Long, Double> b = RunResult.bySeed(second, metric);
        a.keySet().retainAll(b.keySet());
        double[] x = a.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = a.keySet().stream().mapToDouble(b::get).toArray();
        return PairedDifference.of(x, y);
    }
}
