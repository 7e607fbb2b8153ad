package dev.digitslab.comparison.report;

import dev.digitslab.api.io.AtomicFiles;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes the reports from saved results: per study a folder with results.json, history.csv, the specs,
 * learning curves, confusion matrices and misclassified digits; at the top README.md and a
 * self-contained index.html. Every file is written atomically; nothing here trains.
 */
public final class ReportWriter {
    public static final String SUMMARY = "README.md";
    public static final String PAGE = "index.html";
    /** Agreement target between the implementations, in accuracy points (mean over seeds). */
    static final double AGREEMENT_POINTS = 0.3;

    private ReportWriter() {
    }

    /** Writes every study's folder, then the summary and the page over all of them. */
    public static void write(List<StudyResults> studies, Path outDir) throws IOException {
        for (StudyResults study : studies) {
            writeStudyFiles(study, outDir.resolve(study.study()));
        }
        writeSummary(studies, outDir);
    }

    /**
     * Writes the summary (README.md) and the page (index.html) over studies whose folders are already
     * written. The two are replaced together or not at all, so a failure (a full disk) leaves the previous pair.
     */
    public static void writeSummary(List<StudyResults> studies, Path outDir) throws IOException {
        ReportDocument doc = new ReportDocument();
        doc.heading(1, "Digits Lab: Deeplearning4j vs a network written from scratch", null);
        doc.paragraph("*This folder is generated: `mvn verify` trains the catalogue and rewrites it; "
                + "`digits-lab report` re-renders it from the saved results. Do not edit it by hand.*");
        doc.paragraph("Every number below comes from `results.json` files that `mvn verify` (or "
                + "`digits-lab run`) wrote in this folder; both implementations trained on identical splits of the real "
                + "MNIST data (official 10k test set; validation held out from the 60k training set, stratified) "
                + "and were scored by one shared evaluator. Accuracy is on the test set, mean ± standard deviation "
                + "over seeds; s/epoch is the median training time of one epoch (evaluation excluded).");
        doc.heading(2, "Summary", "summary");
        doc.table(List.of("experiment", "implementation", "test accuracy", "balanced acc.", "ROC AUC", "test loss",
                "s/epoch", "parameters", "agreement", "McNemar p"), summaryRows(studies));
        doc.paragraph(environmentLine(studies));
        for (StudyResults study : studies) {
            section(doc, study, study.study() + "/", outDir.resolve(study.study()));
        }
        byte[] markdown = MarkdownRenderer.render(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] html = HtmlRenderer.render(doc, "Digits Lab reports", outDir).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<Path, AtomicFiles.Content> pair = new LinkedHashMap<>();
        pair.put(outDir.resolve(SUMMARY), out -> out.write(markdown));
        pair.put(outDir.resolve(PAGE), out -> out.write(html));
        AtomicFiles.writeAll(pair);
    }

    /** Reads every {@code <study>/results.json} under {@code dir}, in the given study order (others after). */
    public static List<StudyResults> readAll(Path dir, List<String> order) throws IOException {
        List<StudyResults> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                Path file = child.resolve(ResultsFile.NAME);
                if (Files.isRegularFile(file)) {
                    all.add(ResultsFile.read(file));
                }
            }
        }
        all.sort(Comparator.comparingInt(s -> {
            int i = order.indexOf(s.study());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return all;
    }

    // ---- per-study files ----

    /** Writes one study's folder: results.json, history.csv, specs and charts. */
    public static void writeStudyFiles(StudyResults study, Path dir) throws IOException {
        Files.createDirectories(dir);
        ResultsFile.write(study, dir.resolve(ResultsFile.NAME));
        AtomicFiles.writeString(dir.resolve("history.csv"), historyCsv(study));
        for (ExperimentSpec spec : study.specs()) {
            AtomicFiles.writeString(dir.resolve("spec-" + spec.name() + ".yaml"), SpecLoader.toYaml(spec));
        }
        for (ExperimentSpec spec : study.specs()) {
            Map<String, List<RunResult>> byImpl = runsByImpl(study, spec.name());
            if (byImpl.values().stream().allMatch(List::isEmpty)) {
                continue;
            }
            saveChart(Charts.learningCurve(spec.name() + ": loss", "cross-entropy loss", byImpl,
                    EpochRecord::trainLoss, EpochRecord::validationLoss), dir.resolve("loss-" + spec.name()));
            saveChart(Charts.learningCurve(spec.name() + ": accuracy", "accuracy", byImpl,
                    EpochRecord::trainAccuracy, EpochRecord::validationAccuracy), dir.resolve("accuracy-" + spec.name()));
            for (Map.Entry<String, List<RunResult>> e : byImpl.entrySet()) {
                RunResult first = firstOk(e.getValue());
                if (first == null) {
                    continue;
                }
                Path confusion = dir.resolve("confusion-" + spec.name() + "-" + e.getKey() + ".png");
                AtomicFiles.write(confusion, out -> BitmapEncoder.saveBitmap(Charts.confusion(spec.name() + " / "
                        + e.getKey() + " (seed " + first.seed() + ")", first.test().confusion()), out,
                        BitmapEncoder.BitmapFormat.PNG));
                if (!first.misclassified().isEmpty()) {
                    int side = (int) Math.round(Math.sqrt(
                            java.util.Base64.getDecoder().decode(first.misclassified().get(0).pixels()).length));
                    savePng(DigitGrid.draw(first.misclassified(), side, m -> caption(spec, m)),
                            dir.resolve("misclassified-" + spec.name() + "-" + e.getKey() + ".png"));
                }
            }
        }
        if (study.specs().size() > 1 && "comparison".equals(study.kind())) {
            saveChart(Charts.generalisationGap(study.study() + ": overfitting after the last epoch",
                    shortNames(study), gaps(study)), dir.resolve("gap"));
        }
        if (!study.lockstep().isEmpty()) {
            saveChart(Charts.lockstepDistance("lockstep: parameter distance", study.lockstep()),
                    dir.resolve("lockstep-distance"));
            saveChart(Charts.lockstepLoss("lockstep: loss curves", study.lockstep()), dir.resolve("lockstep-loss"));
        }
    }

    static String historyCsv(StudyResults study) {
        StringBuilder csv = new StringBuilder("spec,implementation,seed,epoch,seconds,training_loss,train_loss,"
                + "train_accuracy,validation_loss,validation_accuracy\n");
        for (RunResult run : study.runs()) {
            for (EpochRecord e : run.history()) {
                csv.append(String.join(",", run.spec(), run.implementation(), Long.toString(run.seed()),
                        Integer.toString(e.epoch()), num(e.seconds()), num(e.trainingLoss()), num(e.trainLoss()),
                        num(e.trainAccuracy()), num(e.validationLoss()), num(e.validationAccuracy()))).append('\n');
            }
        }
        return csv.toString();
    }

    private static void saveChart(Chart<?, ?> chart, Path withoutExtension) throws IOException {
        String name = withoutExtension.getFileName().toString();
        Path dir = withoutExtension.getParent();
        AtomicFiles.write(dir.resolve(name + ".png"), out -> BitmapEncoder.saveBitmap(chart, out,
                BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(dir.resolve(name + ".svg"), out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }

    private static void savePng(java.awt.image.BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }

    // ---- the document ----

    private static void section(ReportDocument doc, StudyResults study, String prefix, Path dir) {
        doc.heading(2, study.title(), study.study());
        doc.paragraph(Reading.of(study, AGREEMENT_POINTS));
        for (ExperimentSpec spec : study.specs()) {
            Map<String, List<RunResult>> byImpl = runsByImpl(study, spec.name());
            if (study.specs().size() > 1) {
                doc.heading(3, spec.name() + ": " + spec.title(), null);
            }
            if (Files.exists(dir.resolve("loss-" + spec.name() + ".png"))) {
                doc.imageRow(List.of(img(prefix, "loss-" + spec.name(), "learning curves (loss) of " + spec.name()),
                        img(prefix, "accuracy-" + spec.name(), "learning curves (accuracy) of " + spec.name())));
            }
            List<ReportDocument.Image> confusions = new ArrayList<>();
            List<ReportDocument.Image> grids = new ArrayList<>();
            for (String impl : byImpl.keySet()) {
                if (Files.exists(dir.resolve("confusion-" + spec.name() + "-" + impl + ".png"))) {
                    confusions.add(new ReportDocument.Image(prefix + "confusion-" + spec.name() + "-" + impl + ".png",
                            "confusion matrix of " + spec.name() + " (" + impl + ")", null));
                }
                String grid = "misclassified-" + spec.name() + "-" + impl + ".png";
                if (Files.exists(dir.resolve(grid))) {
                    grids.add(new ReportDocument.Image(prefix + grid, "most confident mistakes of " + impl, null));
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
        if (Files.exists(dir.resolve("gap.png"))) {
            doc.imageRow(List.of(img(prefix, "gap", "validation minus train loss per variant")));
        }
        if (!study.pairs().isEmpty()) {
            doc.table(List.of("spec", "seed", "agreement", "only framework right", "only scratch right", "McNemar p"),
                    study.pairs().stream().map(p -> List.of(p.spec(), Long.toString(p.seed()), pct(p.agreement()),
                            Long.toString(p.frameworkOnlyRight()), Long.toString(p.scratchOnlyRight()),
                            pValue(p.mcNemarP()))).toList());
        }
        if (!study.transfers().isEmpty()) {
            doc.table(List.of("weights trained by", "run by", "test images", "max abs. probability difference",
                            "predictions that differ", "accuracy (trainer)", "accuracy (runner)"),
                    study.transfers().stream().map(t -> List.of(t.trainedBy(), t.runBy(),
                            Integer.toString(t.testCount()), sci(t.maxAbsProbabilityDifference()),
                            Integer.toString(t.differingPredictions()), pct(t.accuracyTrainedBy()),
                            pct(t.accuracyRunBy()))).toList());
        }
        if (!study.lockstep().isEmpty()) {
            doc.imageRow(List.of(img(prefix, "lockstep-distance", "parameter distance per epoch"),
                    img(prefix, "lockstep-loss", "loss curves of both implementations")));
            doc.table(List.of("epoch", "‖Δθ‖₂", "‖Δθ‖₂ / ‖θ‖₂", "max |Δθ|", "training loss (framework)",
                            "training loss (scratch)", "validation loss (framework)", "validation loss (scratch)"),
                    study.lockstep().stream().map(e -> List.of(Integer.toString(e.epoch()), sci(e.parameterDistance()),
                            sci(e.relativeDistance()), sci(e.maxAbsParameterDiff()), fixed(e.frameworkTrainingLoss(), 5),
                            fixed(e.scratchTrainingLoss(), 5), fixed(e.frameworkValidationLoss(), 5),
                            fixed(e.scratchValidationLoss(), 5))).toList());
        }
        List<ReportDocument.Block> specBlocks = new ArrayList<>();
        for (ExperimentSpec spec : study.specs()) {
            specBlocks.add(new ReportDocument.Code("yaml", SpecLoader.toYaml(spec)));
        }
        doc.add(new ReportDocument.Details("Exact spec" + (study.specs().size() > 1 ? "s" : "") + " and files",
                Stream.concat(specBlocks.stream(), Stream.of(new ReportDocument.Paragraph(
                        "Machine-readable: [" + prefix + ResultsFile.NAME + "](" + prefix + ResultsFile.NAME + "), ["
                                + prefix + "history.csv](" + prefix + "history.csv). Run " + study.createdAt() + ".")))
                        .toList()));
    }

    private static List<List<String>> summaryRows(List<StudyResults> studies) {
        List<List<String>> rows = new ArrayList<>();
        for (StudyResults study : studies) {
            for (SummaryRow r : SummaryRow.of(study)) {
                String accuracy = r.seeds() == 0 ? "**failed**: " + String.join("; ", r.failures())
                        : pctStd(r.accuracy()) + (r.failures().isEmpty() ? "" : " (" + r.failures().size() + " failed)");
                rows.add(List.of("[" + r.spec() + "](#" + study.study() + ")", r.implementation(), accuracy,
                        r.seeds() == 0 ? "—" : pctStd(r.balancedAccuracy()),
                        r.rocAuc().n() == 0 ? "—" : fixed(r.rocAuc().mean(), 5),
                        r.seeds() == 0 ? "—" : fixed(r.loss().mean(), 4),
                        r.seeds() == 0 ? "—" : fixed(r.secondsPerEpoch(), 2),
                        r.seeds() == 0 ? "—" : String.format(Locale.ROOT, "%,d", r.parameterCount()),
                        r.agreement() == null ? "—" : pct(r.agreement()),
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

    static Map<String, List<RunResult>> runsByImpl(StudyResults study, String spec) {
        Map<String, List<RunResult>> byImpl = new LinkedHashMap<>();
        for (RunResult run : study.runs()) {
            if (run.spec().equals(spec)) {
                byImpl.computeIfAbsent(run.implementation(), k -> new ArrayList<>()).add(run);
            }
        }
        return byImpl;
    }

    /**
     * Final-epoch validation minus train loss per implementation and spec (mean over seeds): the overfitting
     * signal regularisation closes. (The accuracy gap says the same less clearly: train accuracy is near
     * 100% for every variant and the validation split is small.)
     */
    static Map<String, double[]> gaps(StudyResults study) {
        Map<String, double[]> gaps = new LinkedHashMap<>();
        List<ExperimentSpec> specs = study.specs();
        for (int i = 0; i < specs.size(); i++) {
            for (Map.Entry<String, List<RunResult>> e : runsByImpl(study, specs.get(i).name()).entrySet()) {
                double[] values = gaps.computeIfAbsent(e.getKey(), k -> new double[specs.size()]);
                values[i] = e.getValue().stream().filter(r -> r.ok() && !r.history().isEmpty()).mapToDouble(r -> {
                    EpochRecord last = r.history().get(r.history().size() - 1);
                    return last.validationLoss() - last.trainLoss();
                }).average().orElse(Double.NaN);
            }
        }
        return gaps;
    }

    /** Spec names without the prefix they share, for chart axes ("regularisation-l2" → "l2"). */
    static List<String> shortNames(StudyResults study) {
        List<String> names = study.specs().stream().map(ExperimentSpec::name).toList();
        String prefix = study.study() + "-";
        return names.stream().map(n -> n.startsWith(prefix) ? n.substring(prefix.length()) : n).toList();
    }

    private static RunResult firstOk(List<RunResult> runs) {
        return runs.stream().filter(RunResult::ok).findFirst().orElse(null);
    }

    /** "true → predicted (confidence)", in the task's terms: "6 → 0" or "0 → not 0" for 0 vs rest. */
    private static String caption(ExperimentSpec spec, dev.digitslab.comparison.results.Misclassified m) {
        String truth = spec.task().binary() ? Integer.toString(m.digit()) : spec.task().className(m.label());
        return truth + " → " + spec.task().className(m.predicted()) + " (" + fixed(m.confidence(), 2) + ")";
    }

    private static ReportDocument.Image img(String prefix, String name, String alt) {
        return new ReportDocument.Image(prefix + name + ".png", alt, prefix + name + ".svg");
    }

    static String pct(double x) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * x);
    }

    static String pctStd(dev.digitslab.comparison.eval.SeedStatistics s) {
        return s.n() > 1 ? String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * s.mean(), 100 * s.std())
                : pct(s.mean());
    }

    static String fixed(double x, int digits) {
        return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    static String sci(double x) {
        return String.format(Locale.ROOT, "%.2e", x);
    }

    static String pValue(double p) {
        return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : "< 0.001";
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }
}
