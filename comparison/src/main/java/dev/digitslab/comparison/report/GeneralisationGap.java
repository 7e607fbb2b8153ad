package dev.digitslab.comparison.report;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overfitting signal regularisation closes: validation minus train loss after the last epoch. (The accuracy
 * gap says the same less clearly: train accuracy is near 100% for every variant and the validation split is
 * small.) Only a comparison of several variants of one network (the regularisation study) reports it.
 */
final class GeneralisationGap {
    private GeneralisationGap() {
    }

    /** Whether the study compares variants of one network: several specs, each run by both implementations (a sweep's are points of a grid). */
    static boolean comparesVariants(StudyResults study) {
        return study.kind() == StudyKind.COMPARISON && study.specs().size() > 1 && study.sweep().isEmpty();
    }

    /** Per implementation, one gap per spec in spec order: the mean over successful seeds, NaN if none. */
    static Map<String, double[]> byImplementation(StudyResults study) {
        Map<String, double[]> gaps = new LinkedHashMap<>();
        List<ExperimentSpec> specs = study.specs();
        for (int i = 0; i < specs.size(); i++) {
            for (Map.Entry<String, List<RunResult>> e : study.runsByImplementation(specs.get(i).name()).entrySet()) {
                double[] values = gaps.computeIfAbsent(e.getKey(), k -> new double[specs.size()]);
                values[i] = e.getValue().stream().filter(r -> r.ok() && !r.history().isEmpty())
                        .mapToDouble(GeneralisationGap::of).average().orElse(Double.NaN);
            }
        }
        return gaps;
    }

    /** One run's gap: validation minus train loss after its last epoch (the run must have a history). */
    static double of(RunResult run) {
        EpochRecord last = run.history().get(run.history().size() - 1);
        return last.validationLoss() - last.trainLoss();
    }

    /** Spec names without the prefix they share with the study, for chart axes ("regularisation-l2" → "l2"). */
    static List<String> variantNames(StudyResults study) {
        String prefix = study.study() + "-";
        return study.specs().stream().map(ExperimentSpec::name)
                .map(n -> n.startsWith(prefix) ? n.substring(prefix.length()) : n).toList();
    }
}
