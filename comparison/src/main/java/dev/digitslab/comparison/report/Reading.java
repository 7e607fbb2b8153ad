package dev.digitslab.comparison.report;

import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.results.TransferResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-paragraph reading of a study's result, written from its numbers. */
final class Reading {
    private Reading() {
    }

    static String of(StudyResults study, double agreementPoints) {
        return switch (study.kind()) {
            case "weight-transfer" -> transfer(study);
            case "lockstep" -> lockstep(study);
            default -> study.specs().size() > 1 ? variants(study) : comparison(study, agreementPoints);
        };
    }

    private static String comparison(StudyResults study, double agreementPoints) {
        List<SummaryRow> rows = SummaryRow.of(study);
        Map<String, SummaryRow> byImpl = new LinkedHashMap<>();
        rows.forEach(r -> byImpl.put(r.implementation(), r));
        List<String> parts = new ArrayList<>();
        for (SummaryRow r : rows) {
            if (r.seeds() == 0) {
                parts.add("**" + r.implementation() + " failed** (" + String.join("; ", r.failures()) + ")");
            } else {
                parts.add(r.implementation() + " reaches **" + ReportWriter.pctStd(r.accuracy()) + "** test accuracy"
                        + (r.rocAuc().n() > 0 ? " (balanced " + ReportWriter.pctStd(r.balancedAccuracy()) + ", AUC "
                        + ReportWriter.fixed(r.rocAuc().mean(), 5) + ")" : "")
                        + " at " + ReportWriter.fixed(r.secondsPerEpoch(), 2) + " s/epoch");
            }
        }
        StringBuilder text = new StringBuilder(capitalise(String.join("; ", parts)))
                .append(" (").append(seedsText(rows)).append(").");
        bar(study, rows, text);
        SummaryRow f = byImpl.get("framework");
        SummaryRow s = byImpl.get("scratch");
        if (f != null && s != null && f.seeds() > 0 && s.seeds() > 0) {
            double diff = 100 * (f.accuracy().mean() - s.accuracy().mean());
            text.append(String.format(java.util.Locale.ROOT,
                    " The implementations differ by %.2f points (target: within %.1f, %s)", Math.abs(diff),
                    agreementPoints, Math.abs(diff) <= agreementPoints ? "met" : "**not met**"));
            if (f.agreement() != null) {
                text.append(", agree on ").append(ReportWriter.pct(f.agreement())).append(" of test predictions, and ")
                        .append(f.medianMcNemarP() < 0.05 ? "McNemar's test finds their difference significant (median p "
                                : "McNemar's test finds no significant difference (median p ")
                        .append(ReportWriter.pValue(f.medianMcNemarP())).append(")");
            }
            if (s.secondsPerEpoch() > 0 && f.secondsPerEpoch() > 0) {
                text.append(String.format(java.util.Locale.ROOT, "; scratch trains %.1f× %s than Deeplearning4j",
                        Math.max(f.secondsPerEpoch(), s.secondsPerEpoch()) / Math.min(f.secondsPerEpoch(), s.secondsPerEpoch()),
                        s.secondsPerEpoch() <= f.secondsPerEpoch() ? "faster" : "slower"));
            }
            text.append('.');
        }
        return text.toString();
    }

    private static String variants(StudyResults study) {
        List<SummaryRow> rows = SummaryRow.of(study);
        Map<String, double[]> gaps = ReportWriter.gaps(study);
        StringBuilder text = new StringBuilder();
        String baseline = study.specs().get(0).name();
        for (String impl : gaps.keySet()) {
            List<SummaryRow> mine = rows.stream().filter(r -> r.implementation().equals(impl) && r.seeds() > 0).toList();
            if (mine.isEmpty()) {
                text.append("**").append(impl).append(" failed on every variant.** ");
                continue;
            }
            SummaryRow best = mine.stream().max(java.util.Comparator.comparingDouble(r -> r.accuracy().mean())).get();
            SummaryRow base = mine.stream().filter(r -> r.spec().equals(baseline)).findFirst().orElse(null);
            double[] gap = gaps.get(impl);
            int bestIndex = indexOf(study, best.spec());
            text.append(capitalise(impl)).append(": the best variant is **").append(best.spec()).append("** at ")
                    .append(ReportWriter.pctStd(best.accuracy()));
            if (base != null && base != best) {
                text.append(String.format(java.util.Locale.ROOT, " (%+.2f points over %s)",
                        100 * (best.accuracy().mean() - base.accuracy().mean()), baseline));
            }
            text.append(String.format(java.util.Locale.ROOT,
                    "; the gap between validation and train loss after the last epoch (the overfitting) goes from "
                            + "%.3f without regularisation to %.3f with it. ", gap[0], gap[bestIndex]));
        }
        bar(study, rows, text);
        return text.toString().trim();
    }

    private static String transfer(StudyResults study) {
        StringBuilder text = new StringBuilder();
        for (TransferResult t : study.transfers()) {
            text.append("Weights trained by **").append(t.trainedBy()).append("** and run by **").append(t.runBy())
                    .append("**: the largest difference in any output probability over the ").append(t.testCount())
                    .append(" test images is ").append(ReportWriter.sci(t.maxAbsProbabilityDifference())).append(", and ")
                    .append(t.differingPredictions()).append(t.differingPredictions() == 1 ? " prediction differs" : " predictions differ")
                    .append(" (accuracy ").append(ReportWriter.pct(t.accuracyTrainedBy())).append(" vs ")
                    .append(ReportWriter.pct(t.accuracyRunBy())).append("). ");
        }
        if (study.transfers().isEmpty()) {
            text.append("No transfer could be made: see the failed runs in the summary.");
        } else {
            text.append("The two forward passes compute the same function up to float32 rounding.");
        }
        return text.toString().trim();
    }

    private static String lockstep(StudyResults study) {
        List<LockstepEpoch> epochs = study.lockstep();
        if (epochs.isEmpty()) {
            return "The lockstep run failed: see the failed runs in the summary.";
        }
        LockstepEpoch first = epochs.get(0);
        LockstepEpoch last = epochs.get(epochs.size() - 1);
        double maxLossGap = epochs.stream().mapToDouble(e -> Math.abs(e.frameworkTrainingLoss() - e.scratchTrainingLoss()))
                .max().orElse(0);
        return String.format(java.util.Locale.ROOT,
                "Both implementations started from the same parameters and saw the same batches. After epoch 1 their "
                        + "parameter vectors differ by %s relative to their norm (largest single difference %s); after "
                        + "epoch %d by %s (%s). Their training losses never differ by more than %s per epoch: the drift "
                        + "comes from floating-point summation order alone, amplified by training, not from a "
                        + "difference in what is computed.",
                ReportWriter.sci(first.relativeDistance()), ReportWriter.sci(first.maxAbsParameterDiff()), last.epoch(),
                ReportWriter.sci(last.relativeDistance()), ReportWriter.sci(last.maxAbsParameterDiff()),
                ReportWriter.sci(maxLossGap));
    }

    private static void bar(StudyResults study, List<SummaryRow> rows, StringBuilder text) {
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
        text.append(" Accuracy bar ").append(ReportWriter.pct(study.accuracyBar())).append(": ")
                .append(verdicts.isEmpty() ? "no successful run" : String.join(", ", verdicts)).append('.');
    }

    private static int indexOf(StudyResults study, String spec) {
        for (int i = 0; i < study.specs().size(); i++) {
            if (study.specs().get(i).name().equals(spec)) {
                return i;
            }
        }
        return 0;
    }

    private static String seedsText(List<SummaryRow> rows) {
        int seeds = rows.stream().mapToInt(SummaryRow::seeds).max().orElse(0);
        return seeds == 1 ? "one seed" : "mean ± std over " + seeds + " seeds";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
