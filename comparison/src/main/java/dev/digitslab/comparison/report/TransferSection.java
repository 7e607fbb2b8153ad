package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.integer;
import static dev.digitslab.comparison.report.NumberFormats.percent;
import static dev.digitslab.comparison.report.NumberFormats.scientific;

import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.results.TransferResult;
import java.util.List;

/** Weight transfer: each implementation's trained weights run through the other's forward pass, both ways. */
final class TransferSection implements StudySection {

    @Override
    public String reading(StudyResults study) {
        StringBuilder text = new StringBuilder();
        for (TransferResult t : study.transfers()) {
            text.append("Weights trained by **").append(t.trainedBy()).append("** and run by **").append(t.runBy())
                    .append("**: the largest difference in any output probability over the ")
                    .append(integer(t.testCount())).append(" test images is ")
                    .append(scientific(t.maxAbsProbabilityDifference())).append(", and ")
                    .append(integer(t.differingPredictions()))
                    .append(t.differingPredictions() == 1 ? " prediction differs" : " predictions differ")
                    .append(" (accuracy ").append(percent(t.accuracyTrainedBy())).append(" vs ")
                    .append(percent(t.accuracyRunBy())).append("). ");
        }
        if (study.transfers().isEmpty()) {
            text.append("No transfer could be made: see the failed runs in the summary.");
        } else {
            text.append("The two forward passes compute the same function up to float32 rounding.");
        }
        return text.toString().trim();
    }

    @Override
    public void addFindings(ReportDocument doc, WrittenStudy study, StudyFiles files) {
        List<TransferResult> transfers = study.results().transfers();
        if (transfers.isEmpty()) {
            return;
        }
        doc.table(List.of("weights trained by", "run by", "test images", "max abs. probability difference",
                        "predictions that differ", "accuracy (trainer)", "accuracy (runner)"),
                transfers.stream().map(t -> List.of(t.trainedBy(), t.runBy(), integer(t.testCount()),
                        scientific(t.maxAbsProbabilityDifference()), integer(t.differingPredictions()),
                        percent(t.accuracyTrainedBy()), percent(t.accuracyRunBy()))).toList());
    }
}
