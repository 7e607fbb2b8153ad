package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.integer;
import static dev.digitslab.comparison.report.NumberFormats.pValue;
import static dev.digitslab.comparison.report.NumberFormats.percent;
import static dev.digitslab.comparison.report.NumberFormats.seconds;
import static dev.digitslab.comparison.report.NumberFormats.signedInterval;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.eval.PairedDifference;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison of one spec: each implementation's accuracy and speed, whether they agree within the target, whether
 * they differ across seeds (paired by seed, with an interval and a test), and per seed how their predictions relate
 * (agreement, McNemar's test).
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
            text.append(" The implementations' mean accuracies differ by ").append(fixed(diff, 2))
                    .append(" points (the project's agreement target is ").append(fixed(AGREEMENT_POINTS, 1))
                    .append(" points: ").append(diff <= AGREEMENT_POINTS ? "met" : "**not met**").append(")");
            PairedDifference across = acrossSeeds(study, study.specs().get(0).name(), implementations);
            if (across.n() > 1) {
                text.append("; across ").append(integer(across.n())).append(" seeds ")
                        .append(implementations.candidate().id()).append(" − ")
                        .append(implementations.reference().id()).append(" is ")
                        .append(signedInterval(across.differences(), 100, 2)).append(" points (p ")
                        .append(pValue(across.pValue())).append(", ").append(PairedDifference.TEST).append("): ")
                        .append(across.significant() ? "**a difference beyond seed-to-seed noise**"
                                : "no evidence that the implementations differ");
            } else {
                text.append("; with one seed, whether they differ beyond training noise cannot be tested");
            }
            if (ref.agreement() != null) {
                text.append(". They agree on ").append(percent(ref.agreement())).append(" of test predictions");
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
        implementationsTable(doc, study.results(), implementations);
        pairsTable(doc, study.results(), implementations);
    }

    /**
     * Per spec: the candidate's test accuracy minus the reference's, paired by seed, with its interval and test: the
     * answer to "do the implementations differ?", which one seed's McNemar test cannot give.
     */
    static void implementationsTable(ReportDocument doc, StudyResults study, Implementations implementations) {
        List<List<String>> rows = new ArrayList<>();
        for (ExperimentSpec spec : study.specs()) {
            PairedDifference d = acrossSeeds(study, spec.name(), implementations);
            if (d.n() > 0) {
                rows.add(List.of(spec.name(), integer(d.n()), signedInterval(d.differences(), 100, 2),
                        pValue(d.pValue())));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        String diff = implementations.candidate().id() + " − " + implementations.reference().id();
        doc.paragraph("Do the implementations differ? Test accuracy " + diff + " per spec, paired by seed (95% "
                + "confidence interval in brackets; " + PairedDifference.TEST + "; with one seed there is no test).");
        doc.table(List.of("spec", "seeds", "Δ test accuracy (points)", "p"), rows);
    }

    /** Test accuracy, candidate minus reference, paired by seed. */
    static PairedDifference acrossSeeds(StudyResults study, String spec, Implementations implementations) {
        Map<String, List<RunResult>> byImpl = study.runsByImplementation(spec);
        return SeedPairs.difference(byImpl.getOrDefault(implementations.candidate().id(), List.of()),
                byImpl.getOrDefault(implementations.reference().id(), List.of()), r -> r.test().accuracy());
    }

    /**
     * Per spec and seed: how often both predict the same class, who alone is right how often, McNemar's p. Worded as
     * the per-seed detail it is: a seed's two networks also differ by training noise.
     */
    static void pairsTable(ReportDocument doc, StudyResults study, Implementations implementations) {
        if (study.pairs().isEmpty()) {
            return;
        }
        doc.paragraph("Per seed (detail): McNemar's test asks whether the two networks trained with one seed make "
                + "different numbers of test errors. Two networks differ by training noise too (the implementations "
                + "draw different initial weights and dropout masks from one seed), so a small p for one seed is not "
                + "evidence that the implementations differ; the test across seeds above is.");
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
