package dev.digitslab.comparison.report;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.eval.PairedDifference;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each variant of a study (a regulariser) does against the study's first spec (the baseline, no
 * regularisation), per implementation, paired by seed: the change in test accuracy and in the overfitting gap
 * (validation minus train loss after the last epoch), each with its 95% interval and paired t-test.
 *
 * @param variant  the variant's short name ("l2")
 * @param accuracy test accuracy, variant minus baseline (a fraction)
 * @param gap      generalisation gap, variant minus baseline (loss units; negative = less overfitting)
 */
record VariantEffects(String implementation, String variant, PairedDifference accuracy, PairedDifference gap) {

    /** A regulariser helps as the notebooks claim: significantly better test accuracy and a significantly smaller gap. */
    boolean confirmsClaim() {
        return accuracy.significant() && accuracy.mean() > 0 && gap.significant() && gap.mean() < 0;
    }

    /** Per implementation (in the study's order) and variant (in spec order, the baseline left out). */
    static List<VariantEffects> of(StudyResults study) {
        List<ExperimentSpec> specs = study.specs();
        List<String> names = GeneralisationGap.variantNames(study);
        Map<String, List<RunResult>> baseline = study.runsByImplementation(specs.get(0).name());
        List<VariantEffects> effects = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> base : baseline.entrySet()) {
            for (int i = 1; i < specs.size(); i++) {
                List<RunResult> runs = study.runsByImplementation(specs.get(i).name())
                        .getOrDefault(base.getKey(), List.of());
                effects.add(new VariantEffects(base.getKey(), names.get(i),
                        SeedPairs.difference(runs, base.getValue(), r -> r.test().accuracy()),
                        SeedPairs.difference(runs, base.getValue(), GeneralisationGap::of)));
            }
        }
        return effects;
    }
}
