package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.integer;
import static dev.digitslab.comparison.report.NumberFormats.percent;

import dev.digitslab.comparison.eval.MeanInterval;
import dev.digitslab.comparison.results.StudyResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sweep: one spec run at every point of a grid of values. Per implementation the best point; a table of test
 * accuracy per point (mean and 95% interval over seeds, the implementations side by side, the best marked) and a
 * chart of it against the swept values.
 */
final class SweepSection implements StudySection {
    @Override
    public String reading(StudyResults study) {
        List<SweepPoints.Point> points = SweepPoints.of(study);
        List<String> parts = new ArrayList<>();
        for (String impl : SweepPoints.implementations(points)) {
            Optional<SweepPoints.Point> best = SweepPoints.best(points, impl);
            parts.add(best.map(p -> impl + " is best at **" + SweepPoints.label(study, p) + "**: "
                    + accuracy(p.accuracy().get(impl))).orElse("**" + impl + " failed at every point**"));
        }
        int seeds = points.stream().flatMap(p -> p.accuracy().values().stream()).mapToInt(MeanInterval::n).max()
                .orElse(0);
        StringBuilder text = new StringBuilder("A sweep of ").append(integer(points.size())).append(" points × ")
                .append(seeds == 1 ? "one seed" : integer(seeds) + " seeds").append(". ")
                .append(ComparisonSection.capitalise(String.join("; ", parts))).append('.');
        if (seeds < 2) {
            text.append(" With one seed per point there is no interval: differences between points may be seed noise.");
        } else {
            text.append(" Points whose intervals overlap the best one's are not shown to be worse.");
        }
        ComparisonSection.accuracyBar(study, SummaryRow.of(study), text);
        return text.toString();
    }

    @Override
    public void addFindings(ReportDocument doc, WrittenStudy study, StudyFiles files) {
        StudyResults results = study.results();
        if (study.has(files.sweep().png())) {
            doc.imageRow(List.of(StudySection.image(files, files.sweep(), "test accuracy against "
                    + String.join(" and ", results.sweep()))));
        }
        table(doc, results);
        doc.paragraph("Each point's learning curves, confusion matrices and mistakes are in the folder ["
                + results.study() + "/](" + results.study() + "/), named after the point; how the implementations' "
                + "predictions relate per point and seed is in its results.json (pairs).");
    }

    /** One row per point: its values, then per implementation the test accuracy, the best point in bold. */
    static void table(ReportDocument doc, StudyResults study) {
        List<SweepPoints.Point> points = SweepPoints.of(study);
        List<String> impls = SweepPoints.implementations(points);
        List<String> header = new ArrayList<>(study.sweep());
        impls.forEach(i -> header.add(i + " test accuracy (95% CI)"));
        List<List<String>> rows = new ArrayList<>();
        for (SweepPoints.Point p : points) {
            List<String> row = new ArrayList<>(p.values());
            for (String impl : impls) {
                MeanInterval a = p.accuracy().get(impl);
                boolean best = SweepPoints.best(points, impl).orElse(null) == p;
                String cell = a == null || a.n() == 0 ? "failed" : accuracy(a);
                row.add(best ? "**" + cell + "** (best)" : cell);
            }
            rows.add(row);
        }
        doc.table(header, rows);
    }

    /** "97.91% [97.62, 98.20]" (n seeds); the mean alone for one seed. */
    static String accuracy(MeanInterval a) {
        return a.hasInterval() ? percent(a.mean()) + " [" + NumberFormats.fixed(100 * a.low(), 2) + ", "
                + NumberFormats.fixed(100 * a.high(), 2) + "]" : percent(a.mean());
    }
}
