package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.integer;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.comparison.eval.ClassMetrics;
import dev.digitslab.comparison.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Precision, recall, F1 and support of every class of one spec on the test set, the implementations side by side
 * in each cell (as scikit-learn's {@code classification_report}, one column per metric), each a mean over the
 * successful seeds; then the macro average (every class weighs the same). Classes are rows in label order, named
 * as the task names them ("not 0" and "0" for 0 vs rest, where label 1 is the digit).
 */
final class PerClassTable {
    private static final int DIGITS = 4;

    private PerClassTable() {
    }

    /** The table, or null if no implementation has a successful run of the spec. */
    static ReportDocument.Table of(ExperimentSpec spec, Map<String, List<RunResult>> byImplementation) {
        List<String> impls = new ArrayList<>();
        List<List<List<ClassMetrics>>> perImpl = new ArrayList<>(); // per implementation, per seed, per class
        for (Map.Entry<String, List<RunResult>> e : byImplementation.entrySet()) {
            List<List<ClassMetrics>> seeds = e.getValue().stream()
                    .filter(r -> r.ok() && r.test() != null && r.test().perClass().size() == spec.task().classes())
                    .map(r -> r.test().perClass()).toList();
            if (!seeds.isEmpty()) {
                impls.add(e.getKey());
                perImpl.add(seeds);
            }
        }
        if (impls.isEmpty()) {
            return null;
        }
        String both = " (" + String.join(" / ", impls) + ")";
        TaskSpec task = spec.task();
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < task.classes(); c++) {
            int label = c;
            rows.add(List.of(task.className(c), integer(perImpl.get(0).get(0).get(c).support()),
                    cell(perImpl, seed -> seed.get(label).precision()),
                    cell(perImpl, seed -> seed.get(label).recall()),
                    cell(perImpl, seed -> seed.get(label).f1())));
        }
        long total = perImpl.get(0).get(0).stream().mapToLong(ClassMetrics::support).sum();
        rows.add(List.of("macro average", integer(total),
                cell(perImpl, seed -> seed.stream().mapToDouble(ClassMetrics::precision).average().orElse(Double.NaN)),
                cell(perImpl, seed -> seed.stream().mapToDouble(ClassMetrics::recall).average().orElse(Double.NaN)),
                cell(perImpl, seed -> seed.stream().mapToDouble(ClassMetrics::f1).average().orElse(Double.NaN))));
        return new ReportDocument.Table(List.of("class", "support", "precision" + both, "recall" + both,
                "F1" + both), rows);
    }

    /** The seeds each mean was taken over, e.g. "3 seeds" or "seed 42". */
    static String seedsText(Map<String, List<RunResult>> byImplementation) {
        List<RunResult> ok = byImplementation.values().stream().flatMap(List::stream).filter(RunResult::ok).toList();
        long seeds = ok.stream().mapToLong(RunResult::seed).distinct().count();
        return seeds == 1 ? "seed " + ok.get(0).seed() : "mean over " + seeds + " seeds";
    }

    /** One value per implementation, each the mean over its seeds: "0.9912 / 0.9920". */
    private static String cell(List<List<List<ClassMetrics>>> perImpl,
                               ToDoubleFunction<List<ClassMetrics>> metric) {
        List<String> values = new ArrayList<>();
        for (List<List<ClassMetrics>> seeds : perImpl) {
            values.add(fixed(seeds.stream().mapToDouble(metric).average().orElse(Double.NaN), DIGITS));
        }
        return String.join(" / ", values);
    }
}
