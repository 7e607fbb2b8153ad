package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.percent;
import static dev.digitslab.comparison.report.NumberFormats.signed;

import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A comparison of several variants of one network (regularisation): per implementation the best variant, its
 * gain over the first (the baseline), and how much of the overfitting it closes; then the gap chart and how the
 * implementations' predictions relate.
 */
final class VariantsSection implements StudySection {
    private final Implementations implementations;

    VariantsSection(Implementations implementations) {
        this.implementations = implementations;
    }

    @Override
    public String reading(StudyResults study) {
        List<SummaryRow> rows = SummaryRow.of(study);
        Map<String, double[]> gaps = GeneralisationGap.byImplementation(study);
        StringBuilder text = new StringBuilder();
        String baseline = study.specs().get(0).name();
        for (String impl : gaps.keySet()) {
            List<SummaryRow> mine = rows.stream().filter(r -> r.implementation().equals(impl) && r.seeds() > 0).toList();
            if (mine.isEmpty()) {
                text.append("**").append(impl).append(" failed on every variant.** ");
                continue;
            }
            SummaryRow best = mine.stream().max(Comparator.comparingDouble(r -> r.accuracy().mean())).get();
            SummaryRow base = mine.stream().filter(r -> r.spec().equals(baseline)).findFirst().orElse(null);
            double[] gap = gaps.get(impl);
            text.append(ComparisonSection.capitalise(impl)).append(": the best variant is **").append(best.spec())
                    .append("** at ").append(percent(best.accuracy()));
            if (base != null && base != best) {
                text.append(" (").append(signed(100 * (best.accuracy().mean() - base.accuracy().mean()), 2))
                        .append(" points over ").append(baseline).append(")");
            }
            text.append("; the gap between validation and train loss after the last epoch (the overfitting) goes from ")
                    .append(fixed(gap[0], 3)).append(" without regularisation to ")
                    .append(fixed(gap[indexOf(study, best.spec())], 3)).append(" with it. ");
        }
        ComparisonSection.accuracyBar(study, rows, text);
        return text.toString().trim();
    }

    @Override
    public void addFindings(ReportDocument doc, WrittenStudy study, StudyFiles files) {
        if (study.has(files.gap().png())) {
            doc.imageRow(List.of(StudySection.image(files, files.gap(), "validation minus train loss per variant")));
        }
        ComparisonSection.pairsTable(doc, study.results(), implementations);
    }

    private static int indexOf(StudyResults study, String spec) {
        for (int i = 0; i < study.specs().size(); i++) {
            if (study.specs().get(i).name().equals(spec)) {
                return i;
            }
        }
        return 0;
    }
}
