package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.pValue;
import static dev.digitslab.comparison.report.NumberFormats.percent;
import static dev.digitslab.comparison.report.NumberFormats.seconds;
import static dev.digitslab.comparison.report.NumberFormats.thousands;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Assembles the report over studies as written: the introduction, the summary table, the environment, then per
 * study its reading, learning curves, confusion matrices and mistakes, what its kind adds ({@link StudySection})
 * and its exact specs.
 */
final class ReportAssembler {
    private final Path reportDir;
    private final Implementations implementations;

    /** @param reportDir the folder the studies' folders are in, which the pages link from */
    ReportAssembler(Path reportDir, Implementations implementations) {
        this.reportDir = reportDir;
        this.implementations = implementations;
    }

    ReportDocument assemble(List<WrittenStudy> studies) {
        List<StudyResults> results = studies.stream().map(WrittenStudy::results).toList();
        ReportDocument doc = new ReportDocument();
        doc.heading(1, "Digits Lab: Deeplearning4j vs a network written from scratch", null);
        doc.paragraph("*This folder is generated: `mvn verify` trains the catalogue and rewrites it; "
                + "`digits-lab report` re-renders it from the saved results. Do not edit it by hand.*");
        doc.paragraph("Every number below comes from `results.json` files that `mvn verify` (or "
                + "`digits-lab run`) wrote in this folder; both implementations trained on identical splits of the real "
                + "MNIST data (official 10k test set; validation held out from the 60k training set, stratified) "
                + "and were scored by one shared evaluator. Accuracy is on the test set, mean ± standard deviation "
                + "over seeds; s/epoch is the median training time of one epoch (evaluation excluded), measured as the "
                + "runs went: where several ran at a time (the environment's **execution**), they slowed each other.");
        doc.heading(2, "Summary", "summary");
        doc.table(List.of("experiment", "implementation", "test accuracy", "balanced acc.", "ROC AUC", "test loss",
                "s/epoch", "parameters", "agreement", "McNemar p"), summaryRows(results));
        doc.paragraph(environmentLine(results));
        for (WrittenStudy study : studies) {
            section(doc, study, StudyFiles.of(reportDir, study.results().study()));
        }
        return doc;
    }

    private void section(ReportDocument doc, WrittenStudy written, StudyFiles files) {
        StudyResults study = written.results();
        StudySection kind = StudySection.of(study, implementations);
        doc.heading(2, study.title(), study.study());
        doc.paragraph(kind.reading(study));
        String trainedWith = TrainedWith.sentence(study);
        if (!trainedWith.isEmpty()) {
            doc.paragraph(trainedWith);
        }
        // A sweep's points are its table and chart; their curves and matrices stay in its folder.
        for (ExperimentSpec spec : study.sweep().isEmpty() ? study.specs() : List.<ExperimentSpec>of()) {
            Map<String, List<RunResult>> byImpl = study.runsByImplementation(spec.name());
            if (study.specs().size() > 1) {
                doc.heading(3, spec.name() + ": " + spec.title(), null);
            }
            if (written.has(files.lossCurves(spec).png())) {
                doc.imageRow(List.of(
                        StudySection.image(files, files.lossCurves(spec), "learning curves (loss) of " + spec.name()),
                        StudySection.image(files, files.accuracyCurves(spec),
                                "learning curves (accuracy) of " + spec.name())));
            }
            List<ReportDocument.Image> confusions = new ArrayList<>();
            List<ReportDocument.Image> grids = new ArrayList<>();
            for (String impl : byImpl.keySet()) {
                Path confusion = files.confusion(spec, impl);
                if (written.has(confusion)) {
                    confusions.add(new ReportDocument.Image(files.link(confusion),
                            "confusion matrix of " + spec.name() + " (" + impl + ")", null));
                }
                Path grid = files.mistakes(spec, impl);
                if (written.has(grid)) {
                    grids.add(new ReportDocument.Image(files.link(grid), "most confident mistakes of " + impl, null));
                }
            }
            if (!confusions.isEmpty()) {
                doc.imageRow(confusions);
            }
            if (!grids.isEmpty()) {
                doc.add(new ReportDocument.Details("Most confident mistakes on the test set (true → predicted, "
                        + "confidence): " + String.join(", ", byImpl.keySet()), List.of(new ReportDocument.ImageRow(grids))));
            }
        }
        kind.addFindings(doc, written, files);
        List<ReportDocument.Block> specBlocks = new ArrayList<>();
        for (ExperimentSpec spec : study.specs()) {
            specBlocks.add(new ReportDocument.Code("yaml", SpecLoader.toYaml(spec)));
        }
        String results = files.link(files.results());
        String history = files.link(files.history());
        doc.add(new ReportDocument.Details("Exact spec" + (study.specs().size() > 1 ? "s" : "") + " and files",
                Stream.concat(specBlocks.stream(), Stream.of(new ReportDocument.Paragraph("Machine-readable: ["
                        + results + "](" + results + "), [" + history + "](" + history + "). Run " + study.createdAt()
                        + "."))).toList()));
    }

    private static List<List<String>> summaryRows(List<StudyResults> studies) {
        List<List<String>> rows = new ArrayList<>();
        for (StudyResults study : studies) {
            for (SummaryRow r : SummaryRow.of(study)) {
                boolean failed = r.seeds() == 0;
                String accuracy = failed ? "**failed**: " + String.join("; ", r.failures())
                        : percent(r.accuracy()) + (r.failures().isEmpty() ? "" : " ("
                        + NumberFormats.integer(r.failures().size()) + " failed)");
                String trainedWith = TrainedWith.of(study, r.spec());
                rows.add(List.of("[" + r.spec() + "](#" + study.study() + ")"
                                + (trainedWith.isEmpty() ? "" : " (trained with " + trainedWith + ")"),
                        r.implementation(), accuracy,
                        failed ? "—" : percent(r.balancedAccuracy()),
                        r.rocAuc().n() == 0 ? "—" : fixed(r.rocAuc().mean(), 5),
                        failed ? "—" : fixed(r.loss().mean(), 4),
                        failed ? "—" : seconds(r.secondsPerEpoch()),
                        failed ? "—" : thousands(r.parameterCount()),
                        r.agreement() == null ? "—" : percent(r.agreement()),
                        r.medianMcNemarP() == null ? "—" : pValue(r.medianMcNemarP())));
            }
        }
        return rows;
    }

    private static String environmentLine(List<StudyResults> studies) {
        if (studies.isEmpty()) {
            return "No results yet.";
        }
        Map<String, String> env = studies.get(0).environment();
        return "Environment: " + env.entrySet().stream().map(e -> "**" + e.getKey() + "** " + e.getValue())
                .collect(Collectors.joining("; ")) + ".";
    }
}
