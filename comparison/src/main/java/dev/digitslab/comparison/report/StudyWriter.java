package dev.digitslab.comparison.report;

import dev.digitslab.api.io.AtomicFiles;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.results.Misclassified;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes one study's folder from its results: results.json, history.csv, the specs, learning curves, confusion
 * matrices, grids of the most confident mistakes, and the charts of its kind; every file atomically. Which files
 * that gives depends on the results alone, so {@link #asWritten} can tell it for a folder written earlier.
 */
final class StudyWriter {
    private final Charts charts;

    StudyWriter(Implementations implementations) {
        this.charts = new Charts(implementations);
    }

    /** Writes every file of the study into {@code files}' folder and returns what it wrote. */
    WrittenStudy write(StudyResults study, StudyFiles files) throws IOException {
        Files.createDirectories(files.dir());
        List<Artefact> artefacts = artefacts(study, files);
        for (Artefact artefact : artefacts) {
            artefact.write().run();
        }
        return written(study, artefacts);
    }

    /** What {@link #write} gives for these results, without writing anything. */
    WrittenStudy asWritten(StudyResults study) {
        return written(study, artefacts(study, new StudyFiles(Path.of(study.study()))));
    }

    private static WrittenStudy written(StudyResults study, List<Artefact> artefacts) {
        Set<String> names = new HashSet<>();
        artefacts.forEach(a -> names.add(a.file().getFileName().toString()));
        return new WrittenStudy(study, names);
    }

    /** Every file of the study, in the order they are written; nothing is drawn until a file is written. */
    private List<Artefact> artefacts(StudyResults study, StudyFiles files) {
        List<Artefact> all = new ArrayList<>();
        all.add(new Artefact(files.results(), () -> ResultsFile.write(study, files.results())));
        all.add(new Artefact(files.history(), () -> AtomicFiles.writeString(files.history(), historyCsv(study))));
        for (ExperimentSpec spec : study.specs()) {
            Path file = files.spec(spec);
            all.add(new Artefact(file, () -> AtomicFiles.writeString(file, SpecLoader.toYaml(spec))));
        }
        for (ExperimentSpec spec : study.specs()) {
            Map<String, List<RunResult>> byImpl = study.runsByImplementation(spec.name());
            if (byImpl.isEmpty()) {
                continue;
            }
            all.addAll(chart(files.lossCurves(spec), () -> charts.learningCurve(spec.name() + ": loss",
                    "cross-entropy loss", byImpl, EpochRecord::trainLoss, EpochRecord::validationLoss)));
            all.addAll(chart(files.accuracyCurves(spec), () -> charts.learningCurve(spec.name() + ": accuracy",
                    "accuracy", byImpl, EpochRecord::trainAccuracy, EpochRecord::validationAccuracy)));
            for (Map.Entry<String, List<RunResult>> e : byImpl.entrySet()) {
                RunResult first = e.getValue().stream().filter(RunResult::ok).findFirst().orElse(null);
                if (first == null) {
                    continue;
                }
                Path confusion = files.confusion(spec, e.getKey());
                String title = spec.name() + " / " + e.getKey() + " (seed " + NumberFormats.integer(first.seed()) + ")";
                all.add(new Artefact(confusion, () -> AtomicFiles.write(confusion, out -> HighDensityPng.write(
                        Charts.confusion(title, first.test().confusion(), spec.task()), out))));
                if (!first.misclassified().isEmpty()) {
                    Path grid = files.mistakes(spec, e.getKey());
                    all.add(new Artefact(grid, () -> AtomicFiles.write(grid, png(mistakes(spec, first.misclassified())))));
                }
            }
        }
        if (GeneralisationGap.comparesVariants(study)) {
            all.addAll(chart(files.gap(), () -> charts.generalisationGap(study.study()
                            + ": overfitting after the last epoch", GeneralisationGap.variantNames(study),
                    GeneralisationGap.byImplementation(study))));
        }
        if (!study.sweep().isEmpty()) {
            all.addAll(chart(files.sweep(), () -> SweepChart.draw(study.study() + ": test accuracy per point", study,
                    charts::colour)));
        }
        if (!study.lockstep().isEmpty()) {
            all.addAll(chart(files.lockstepDistance(),
                    () -> charts.lockstepDistance("lockstep: parameter distance", study.lockstep())));
            all.addAll(chart(files.lockstepLoss(), () -> charts.lockstepLoss("lockstep: loss curves", study.lockstep())));
        }
        return all;
    }

    static String historyCsv(StudyResults study) {
        StringBuilder csv = new StringBuilder("spec,implementation,seed,epoch,seconds,training_loss,train_loss,"
                + "train_accuracy,validation_loss,validation_accuracy\n");
        for (RunResult run : study.runs()) {
            for (EpochRecord e : run.history()) {
                csv.append(String.join(",", run.spec(), run.implementation(), NumberFormats.integer(run.seed()),
                        NumberFormats.integer(e.epoch()), NumberFormats.exact(e.seconds()),
                        NumberFormats.exact(e.trainingLoss()), NumberFormats.exact(e.trainLoss()),
                        NumberFormats.exact(e.trainAccuracy()), NumberFormats.exact(e.validationLoss()),
                        NumberFormats.exact(e.validationAccuracy()))).append('\n');
            }
        }
        return csv.toString();
    }

    /**
     * The chart as PNG (at twice its nominal size, for high-density screens) and as SVG, drawn once (when the
     * first of the two is written).
     */
    private static List<Artefact> chart(StudyFiles.Chart files, Supplier<Chart<?, ?>> draw) {
        List<Chart<?, ?>> drawn = new ArrayList<>(1);
        Supplier<Chart<?, ?>> once = () -> {
            if (drawn.isEmpty()) {
                drawn.add(draw.get());
            }
            return drawn.get(0);
        };
        return List.of(
                new Artefact(files.png(), () -> AtomicFiles.write(files.png(),
                        out -> HighDensityPng.write(once.get(), out))),
                new Artefact(files.svg(), () -> AtomicFiles.write(files.svg(), out ->
                        VectorGraphicsEncoder.saveVectorGraphic(once.get(), out,
                                VectorGraphicsEncoder.VectorGraphicsFormat.SVG))));
    }

    private static BufferedImage mistakes(ExperimentSpec spec, List<Misclassified> digits) {
        int side = (int) Math.round(Math.sqrt(Base64.getDecoder().decode(digits.get(0).pixels()).length));
        return DigitGrid.draw(digits, side, m -> caption(spec, m));
    }

    /** "true → predicted (confidence)", in the task's terms: "6 → 0" or "0 → not 0" for 0 vs rest. */
    private static String caption(ExperimentSpec spec, Misclassified m) {
        String truth = spec.task().binary() ? NumberFormats.integer(m.digit()) : spec.task().className(m.label());
        return truth + " → " + spec.task().className(m.predicted()) + " (" + NumberFormats.fixed(m.confidence(), 2)
                + ")";
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HighDensityPng.writePlain(image, bytes);
        return bytes.toByteArray();
    }

    /** One file of the study's folder and how to write it. */
    private record Artefact(Path file, Write write) {
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }
}
