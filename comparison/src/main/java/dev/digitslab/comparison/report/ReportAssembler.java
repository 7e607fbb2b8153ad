package dev.digitslab.comparison.report;

import static dev.digitslab.comparison.report.NumberFormats.fixed;
import static dev.digitslab.comparison.report.NumberFormats.mebibytes;
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
    /** What the summary's columns and the sections' readings mean, for a reader new to them: (term, meaning). */
    static final List<List<String>> GLOSSARY = List.of(
            List.of("seeds", "successful runs the row averages; a seed fixes the split, initialisation, batch order "
                    + "and dropout"),
            List.of("balanced acc.", "the mean of the per-class recalls, which a classifier cannot raise by favouring a "
                    + "large class (0 vs rest is 90% \"not 0\")"),
            List.of("ROC AUC", "binary tasks: the chance that a random positive image scores higher than a random "
                    + "negative one"),
            List.of("peak heap / RSS", "while the run trained, the largest Java heap in use right after a garbage "
                    + "collection (the live objects, plus old garbage a young collection leaves) and the largest "
                    + "resident memory of the process (heap plus native memory such as Deeplearning4j's ND4J arrays); "
                    + "the largest over seeds. Both are the whole JVM's, the splits held in memory included: where "
                    + "several runs shared it (the environment's **execution**) they include the others'"),
            List.of("agreement", "the share of test images both implementations assign the same class"),
            List.of("McNemar p", "McNemar's exact test on the images exactly one implementation gets right: the "
                    + "probability of a split at least that uneven if both were equally accurate (median over seeds). It "
                    + "compares the two networks one seed trained, which differ by training noise too, so it is the "
                    + "per-seed detail; whether the implementations differ is the test across seeds below"),
            List.of("accuracy bar", "the test accuracy the catalogue asks of each implementation on the task (of its "
                    + "best spec where a study has several), from what other implementations of the network reach"),
            List.of("agreement target", "the two implementations' mean test accuracies may differ by at most 0.3 "
                    + "points"),
            List.of("+0.23 [-0.21, +0.66] (p 0.155)", "how the readings write a difference in test accuracy (points) "
                    + "averaged over seeds, its "
                    + "95% confidence interval and the p-value of a paired t-test over seeds (paired: the same seed "
                    + "gives both implementations the same split and batches); an interval that contains 0 and a p "
                    + "above 0.05 give no evidence of a difference"),
            List.of("the notebook's first network", "the catalogue reproduces the experiments of an MNIST notebook, "
                    + "the project's starting point; its first is the small 784-25-15-1 sigmoid network for 0 vs 1"),
            List.of("weight transfer", "one implementation's trained weights run through the other's forward pass"),
            List.of("lockstep", "both implementations trained from the same initial parameters on the same batches, "
                    + "to see how far floating-point summation order alone moves them apart"));

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
        doc.table(List.of("experiment", "implementation", "seeds", "test accuracy", "balanced acc.", "ROC AUC",
                "test loss", "s/epoch", "peak heap / RSS (MiB)", "parameters", "agreement", "McNemar p"),
                summaryRows(results));
        doc.table(List.of("term", "meaning"), GLOSSARY);
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
            ReportDocument.Table perClass = PerClassTable.of(spec, byImpl);
            if (perClass != null) {
                doc.add(new ReportDocument.Details("Per-class precision, recall and F1 on the test set ("
                        + PerClassTable.seedsText(byImpl) + "): " + String.join(" / ", byImpl.keySet()),
                        List.of(perClass)));
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
                rows.add(List.of("[" + experimentLabel(study.study(), r.spec()) + "](#" + study.study() + ")"
                                + (trainedWith.isEmpty() ? "" : " (trained with " + trainedWith + ")"),
                        r.implementation(), NumberFormats.integer(r.seeds()), accuracy,
                        failed ? "—" : percent(r.balancedAccuracy()),
                        r.rocAuc().n() == 0 ? "—" : fixed(r.rocAuc().mean(), 5),
                        failed ? "—" : fixed(r.loss().mean(), 4),
                        failed ? "—" : seconds(r.secondsPerEpoch()),
                        failed || r.peakHeapBytes() < 0 ? "—"
                                : mebibytes(r.peakHeapBytes()) + " / " + mebibytes(r.peakRssBytes()),
                        failed ? "—" : thousands(r.parameterCount()),
                        r.agreement() == null ? "—" : percent(r.agreement()),
                        r.medianMcNemarP() == null ? "—" : pValue(r.medianMcNemarP())));
            }
        }
        return rows;
    }

    /**
     * A summary row's experiment: the spec's name, prefixed by its study's where the name alone would not say which
     * study it belongs to (the weight-transfer study runs the multiclass spec: "weight-transfer: multiclass").
     */
    static String experimentLabel(String study, String spec) {
        return spec.equals(study) || spec.startsWith(study + "-") ? spec : study + ": " + spec;
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
