package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.integer;
import static dev.digitslab.comparison.report.NumberFormats.pValue;
import static dev.digitslab.comparison.report.NumberFormats.percent;
import static dev.digitslab.comparison.report.NumberFormats.seconds;

import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison of one spec: each implementation's accuracy and speed, whether they agree within the target, and
 * how their predictions relate (agreement, McNemar's test) per seed.
 */
final class ComparisonSection implements StudySection {
    /** Agreement target between the implementations, in accuracy points (mean over seeds). */
    static final double AGREEMENT_POINTS = 0.3;

    private final Implementations implementations;

    ComparisonSection(Implementations implementations) {
        this.implementations = implementations;
    }

    @Override
    public String reading(StudyResults study) {
        List<SummaryRow> rows = SummaryRow.of(study);
        Map<String, SummaryRow> byImpl = new LinkedHashMap<>();
        rows.forEach(r -> byImpl.put(r.implementation(), r));
        List<String> parts = new ArrayList<>();
        for (SummaryRow r : rows) {
            if (r.seeds() == 0) {
                parts.add("**" + r.implementation() + " failed** (" + String.join("; ", r.failures()) + ")");
            } else {
                parts.add(r.implementation() + " reaches **" + percent(r.accuracy()) + "** test accuracy"
                        + (r.rocAuc().n() > 0 ? " (balanced " + percent(r.balancedAccuracy()) + ", AUC "
                        + fixed(r.rocAuc().mean(), 5) + ")" : "")
                        + " at " + seconds(r.secondsPerEpoch()) + " s/epoch");
            }
        }
        StringBuilder text = new StringBuilder(capitalise(String.join("; ", parts)))
                .append(" (").append(seedsText(rows)).append(").");
        accuracyBar(study, rows, text);
        SummaryRow ref = byImpl.get(implementations.reference().id());
        SummaryRow cand = byImpl.get(implementations.candidate().id());
        if (ref != null && cand != null && ref.seeds() > 0 && cand.seeds() > 0) {
            double diff = Math.abs(100 * (ref.accuracy().mean() - cand.accuracy().mean()));
            text.append(" The implementations differ by ").append(fixed(diff, 2)).append(" points (target: within ")
                    .append(fixed(AGREEMENT_POINTS, 1)).append(", ")
                    .append(diff <= AGREEMENT_POINTS ? "met" : "**not met**").append(")");
            if (ref.agreement() != null) {
                text.append(", agree on ").append(percent(ref.agreement())).append(" of test predictions, and ")
                        .append(ref.medianMcNemarP() < 0.05 ? "McNemar's test finds their difference significant (median p "
                                : "McNemar's test finds no significant difference (median p ")
                        .append(pValue(ref.medianMcNemarP())).append(")");
            }
            double r = ref.secondsPerEpoch();
            double c = cand.secondsPerEpoch();
            if (c > 0 && r > 0) {
                text.append("; ").append(implementations.candidate().id()).append(" trains ")
                        .append(fixed(Math.max(r, c) / Math.min(r, c), 1)).append("× ")
                        .append(c <= r ? "faster" : "slower").append(" than Deeplearning4j");
            }
            text.append('.');
        }
        return text.toString();
    }

    @Override
    public void addFindings(ReportDocument doc, WrittenStudy study, StudyFiles files) {
        pairsTable(doc, study.results(), implementations);
    }

    /** Per spec and seed: how often both predict the same class, who alone is right how often, McNemar's p. */
    static void pairsTable(ReportDocument doc, StudyResults study, Implementations implementations) {
        if (study.pairs().isEmpty()) {
            return;
        }
        doc.table(List.of("spec", "seed", "agreement", "only " + implementations.reference().id() + " right",
                        "only " + implementations.candidate().id() + " right", "McNemar p"),
                study.pairs().stream().map(p -> List.of(p.spec(), integer(p.seed()), percent(p.agreement()),
                        integer(p.referenceOnlyRight()), integer(p.candidateOnlyRight()), pValue(p.mcNemarP())))
                        .toList());
    }

    /** Appends whether each implementation's best spec reaches the study's accuracy bar, if it has one. */
    static void accuracyBar(StudyResults study, List<SummaryRow> rows, StringBuilder text) {
        if (study.accuracyBar() == null) {
            return;
        }
        List<String> verdicts = new ArrayList<>();
        Map<String, Double> best = new LinkedHashMap<>();
        for (SummaryRow r : rows) {
            if (r.seeds() > 0) {
                best.merge(r.implementation(), r.accuracy().mean(), Math::max);
            }
        }
        best.forEach((impl, acc) -> verdicts.add(impl + " " + (acc >= study.accuracyBar() ? "meets it" : "**misses it**")));
        text.append(" Accuracy bar ").append(percent(study.accuracyBar())).append(": ")
                .append(verdicts.isEmpty() ? "no successful run" : String.join(", ", verdicts)).append('.');
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String seedsText(List<SummaryRow> rows) {
        int seeds = rows.stream().mapToInt(SummaryRow::seeds).max().orElse(0);
        return seeds == 1 ? "one seed" : "mean ± std over " + integer(seeds) + " seeds";
    }
}
