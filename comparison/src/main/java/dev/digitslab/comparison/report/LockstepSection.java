package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.integer;
import static dev.digitslab.comparison.report.NumberFormats.scientific;

import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.util.List;

/**
 * Lockstep: both implementations from the same parameters on the same batches, and how far apart their parameters
 * and losses drift epoch by epoch.
 */
final class LockstepSection implements StudySection {
    private final Implementations implementations;

    LockstepSection(Implementations implementations) {
        this.implementations = implementations;
    }

    @Override
    public String reading(StudyResults study) {
        List<LockstepEpoch> epochs = study.lockstep();
        if (epochs.isEmpty()) {
            return "The lockstep run failed: see the failed runs in the summary.";
        }
        LockstepEpoch first = epochs.get(0);
        LockstepEpoch last = epochs.get(epochs.size() - 1);
        double maxLossGap = epochs.stream()
                .mapToDouble(e -> Math.abs(e.referenceTrainingLoss() - e.candidateTrainingLoss())).max().orElse(0);
        return "Both implementations started from the same parameters and saw the same batches. After epoch 1 their "
                + "parameter vectors differ by " + scientific(first.relativeDistance()) + " relative to their norm "
                + "(largest single difference " + scientific(first.maxAbsParameterDiff()) + "); after epoch "
                + integer(last.epoch()) + " by " + scientific(last.relativeDistance()) + " ("
                + scientific(last.maxAbsParameterDiff()) + "). Their training losses never differ by more than "
                + scientific(maxLossGap) + " per epoch: the drift comes from floating-point summation order alone, "
                + "amplified by training, not from a difference in what is computed.";
    }

    @Override
    public void addFindings(ReportDocument doc, WrittenStudy study, StudyFiles files) {
        if (study.has(files.lockstepDistance().png())) {
            doc.imageRow(List.of(StudySection.image(files, files.lockstepDistance(), "parameter distance per epoch"),
                    StudySection.image(files, files.lockstepLoss(), "loss curves of both implementations")));
        }
        List<LockstepEpoch> epochs = study.results().lockstep();
        if (epochs.isEmpty()) {
            return;
        }
        String ref = implementations.reference().id();
        String cand = implementations.candidate().id();
        doc.table(List.of("epoch", "‖Δθ‖₂", "‖Δθ‖₂ / ‖θ‖₂", "max |Δθ|", "training loss (" + ref + ")",
                        "training loss (" + cand + ")", "validation loss (" + ref + ")", "validation loss (" + cand + ")"),
                epochs.stream().map(e -> List.of(integer(e.epoch()), scientific(e.parameterDistance()),
                        scientific(e.relativeDistance()), scientific(e.maxAbsParameterDiff()),
                        fixed(e.referenceTrainingLoss(), 5), fixed(e.candidateTrainingLoss(), 5),
                        fixed(e.referenceValidationLoss(), 5), fixed(e.candidateValidationLoss(), 5))).toList());
    }
}
