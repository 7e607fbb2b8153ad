package dev.digitslab.comparison.report;

import dev.digitslab.api.stats.Median;
import dev.digitslab.comparison.eval.SeedStatistics;
import dev.digitslab.comparison.results.PairComparison;
import dev.digitslab.comparison.results.RunMemory;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * One row of the summary table: one spec × one implementation, aggregated over seeds. Derived from
 * {@link StudyResults} alone, so a re-rendered report shows exactly the numbers in results.json.
 *
 * @param failures      runs of this spec and implementation that failed, with their reasons
 * @param agreement     mean over seeds of the fraction of test predictions both implementations share
 * @param medianMcNemarP median over seeds of the McNemar p-value (null if no pair)
 * @param peakHeapBytes  the largest {@link RunMemory#peakHeapBytes} over seeds, -1 if no run recorded memory
 * @param peakRssBytes   the largest {@link RunMemory#peakRssBytes} over seeds, -1 if unknown
 */
public record SummaryRow(String study, String spec, String implementation, int seeds, SeedStatistics accuracy,
                         SeedStatistics balancedAccuracy, SeedStatistics rocAuc, SeedStatistics loss,
                         double secondsPerEpoch, int parameterCount, List<String> failures, Double agreement,
                         Double medianMcNemarP, long peakHeapBytes, long peakRssBytes) {

    public static List<SummaryRow> of(StudyResults results) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult run : results.runs()) {
            groups.computeIfAbsent(run.spec() + "\u0000" + run.implementation(), k -> new ArrayList<>()).add(run);
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (List<RunResult> group : groups.values()) {
            RunResult first = group.get(0);
            List<RunResult> ok = group.stream().filter(RunResult::ok).toList();
            List<String> failures = group.stream().filter(r -> !r.ok())
                    .map(r -> "seed " + r.seed() + ": " + r.error()).toList();
            List<PairComparison> pairs = results.pairs().stream().filter(p -> p.spec().equals(first.spec())).toList();
            rows.add(new SummaryRow(results.study(), first.spec(), first.implementation(), ok.size(),
                    SeedStatistics.of(ok.stream().mapToDouble(r -> r.test().accuracy()).toArray()),
                    SeedStatistics.of(ok.stream().mapToDouble(r -> r.test().balancedAccuracy()).toArray()),
                    SeedStatistics.of(ok.stream().filter(r -> r.test().rocAuc() != null)
                            .mapToDouble(r -> r.test().rocAuc()).toArray()),
                    SeedStatistics.of(ok.stream().mapToDouble(r -> r.test().loss()).toArray()),
                    Median.of(ok.stream().mapToDouble(RunResult::secondsPerEpoch).toArray()),
                    ok.isEmpty() ? 0 : ok.get(0).parameterCount(), failures,
                    pairs.isEmpty() ? null : pairs.stream().mapToDouble(PairComparison::agreement).average().orElse(0),
                    pairs.isEmpty() ? null : Median.of(pairs.stream().mapToDouble(PairComparison::mcNemarP).toArray()),
                    peak(ok, RunMemory::peakHeapBytes), peak(ok, RunMemory::peakRssBytes)));
        }
        return rows;
    }

    /** The largest figure over the runs that recorded it, or -1. */
    private static long peak(List<RunResult> runs, ToLongFunction<RunMemory> figure) {
        return runs.stream().map(RunResult::memory).filter(Objects::nonNull).mapToLong(figure).max()
                .orElse(RunMemory.UNKNOWN);
    }
}
