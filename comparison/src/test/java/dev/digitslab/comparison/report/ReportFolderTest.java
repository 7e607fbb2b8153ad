package dev.digitslab.comparison.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.eval.Evaluator;
import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.Misclassified;
import dev.digitslab.comparison.results.PairComparison;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.results.TestSummary;
import dev.digitslab.comparison.run.Implementations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering alone, from results built in the test (the end-to-end smoke test covers real runs), and undoing what
 * an interrupted write leaves.
 */
class ReportFolderTest {
    private static ReportFolder folder(Path dir) {
        return new ReportFolder(dir, Implementations.discover());
    }


    private static RunResult run(String impl, long seed, float p) {
        float[] probs = {p, 1 - p, 0.9f, 0.2f};
        int[] labels = {1, 1, 1, 0};
        TestSummary test = TestSummary.of(Evaluator.evaluate(probs, 1, labels));
        List<EpochRecord> history = List.of(new EpochRecord(1, 0.5, 0.3, 0.25, 0.9, 0.3, 0.88),
                new EpochRecord(2, 0.4, 0.2, 0.15, 0.95, 0.2, 0.9));
        String pixels = Base64.getEncoder().encodeToString(new byte[784]);
        return new RunResult("zero-vs-one", impl, seed, RunResult.OK, null, history, test, 0.45, 100,
                List.of(new Misclassified(1, 1, 1, 0, 0.7, pixels)));
    }

    private static StudyResults study() {
        return new StudyResults("zero-vs-one", StudyKind.COMPARISON, "0 vs 1", 0.999, "2026-01-01T00:00:00Z",
                Map.of("java.version", "17"),
                List.of(Catalogue.builtIn().study("zero-vs-one").specs().get(0).withEpochs(2)), // 2 epochs, as run()
                List.of(run("framework", 42, 0.8f), run("scratch", 42, 0.7f), run("framework", 43, 0.6f),
                        new RunResult("zero-vs-one", "scratch", 43, RunResult.FAILED, "training diverged", List.of(),
                                null, Double.NaN, 0, List.of())),
                List.of(new PairComparison("zero-vs-one", 42, 1.0, 0, 0, 1.0)), List.of(), List.of());
    }

    @Test
    void writesEveryFileOfAStudyAndTheSummaryPages(@TempDir Path out) throws IOException {
        folder(out).writeAll(List.of(study()));
        Path dir = out.resolve("zero-vs-one");
        for (String f : List.of("results.json", "history.csv", "spec-zero-vs-one.yaml", "loss-zero-vs-one.png",
                "loss-zero-vs-one.svg", "accuracy-zero-vs-one.png", "confusion-zero-vs-one-framework.png",
                "confusion-zero-vs-one-scratch.png", "misclassified-zero-vs-one-framework.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(ImageIO.read(dir.resolve("loss-zero-vs-one.png").toFile()).getWidth() > 100);
        assertTrue(Files.readString(dir.resolve("loss-zero-vs-one.svg")).contains("<svg"));
        assertEquals(1 + 6, Files.readAllLines(dir.resolve("history.csv")).size()); // header + 3 ok runs x 2 epochs
        assertTrue(Files.exists(out.resolve("README.md")) && Files.exists(out.resolve("index.html")));
    }

    @Test
    void summaryShowsTheNumbersOfTheJsonAndMarksFailures(@TempDir Path out) throws IOException {
        folder(out).writeAll(List.of(study()));
        StudyResults back = ResultsFile.read(out.resolve("zero-vs-one/results.json"), Set.of("framework", "scratch"));
        assertEquals(ResultsFile.toJson(study()), ResultsFile.toJson(back)); // records with arrays: compare JSON
        String readme = Files.readString(out.resolve("README.md"));
        // framework: seeds 42 and 43, accuracies 1.0 (p=.8) and 0.75 (p=.6 and 0.4 -> one wrong)
        double a42 = back.runs().get(0).test().accuracy();
        double a43 = back.runs().get(2).test().accuracy();
        String expected = String.format(java.util.Locale.ROOT, "%.2f ± %.2f%%", 50 * (a42 + a43),
                100 * Math.abs(a42 - a43) / Math.sqrt(2));
        assertTrue(readme.contains(expected), "expected " + expected + " in\n" + readme);
        assertTrue(readme.contains("1 failed"), readme);
        assertTrue(readme.contains("training diverged") || readme.contains("(1 failed)"), readme);
    }

    @Test
    void thePageIsSelfContained(@TempDir Path out) throws IOException {
        folder(out).writeAll(List.of(study()));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("src=\"http"), "no external resources");
        assertFalse(html.contains("src=\"zero-vs-one/"), "images are embedded, not linked");
    }

    @Test
    void rerenderingFromSavedResultsGivesTheSameSummary(@TempDir Path out) throws IOException {
        folder(out).writeAll(List.of(study()));
        String first = Files.readString(out.resolve("README.md"));
        folder(out).writeAll(folder(out).readAll(List.of("zero-vs-one")));
        assertEquals(first, Files.readString(out.resolve("README.md")));
    }

    @Test
    void lockstepStudiesGetTheirCharts(@TempDir Path out) throws IOException {
        StudyResults s = new StudyResults("lockstep", StudyKind.LOCKSTEP, "Lockstep", null, "2026-01-01T00:00:00Z", Map.of(),
                List.of(Catalogue.builtIn().study("lockstep").specs().get(0)), List.of(), List.of(), List.of(),
                List.of(new LockstepEpoch(1, 1e-4, 1e-6, 1e-7, 0.3, 0.3, 0.2, 0.2),
                        new LockstepEpoch(2, 1e-3, 1e-5, 1e-6, 0.2, 0.2, 0.15, 0.15)));
        folder(out).writeAll(List.of(s));
        assertTrue(Files.exists(out.resolve("lockstep/lockstep-distance.png")));
        assertTrue(Files.readString(out.resolve("README.md")).contains("After epoch 1"));
    }

    @Test
    void theFilesAStudyGivesAreKnownWithoutWritingThem(@TempDir Path out) throws IOException {
        WrittenStudy written = folder(out).replace(study());
        try (Stream<Path> files = Files.list(out.resolve("zero-vs-one"))) {
            assertEquals(files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()), written.files());
        }
        assertEquals(written.files(), new StudyWriter(Implementations.discover()).asWritten(study()).files());
    }

    @Test
    void cleanupRemovesTemporaryFilesAndStagingFoldersAndRestoresAMovedStudy(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("reports");
        Files.createDirectories(out.resolve("alpha"));
        Files.writeString(out.resolve("README.md"), "kept");
        Files.writeString(out.resolve("alpha/results.json"), "kept");
        Files.writeString(out.resolve(".README.md123.part"), "half");
        Files.writeString(out.resolve("alpha/.history.csv456.part"), "half");
        Files.createDirectories(out.resolve(".staging-beta/deeper"));
        Files.writeString(out.resolve(".staging-beta/deeper/results.json"), "half");
        Files.writeString(out.resolve(".staging-beta/.loss.png789.part"), "half");
        Files.createDirectories(out.resolve("models/beta"));
        Files.writeString(out.resolve("models/beta/.scratch-seed1.model42.part"), "half");
        // gamma was moved aside and its replacement never arrived; alpha's replacement did.
        Files.createDirectories(out.resolve(".old-gamma"));
        Files.writeString(out.resolve(".old-gamma/results.json"), "previous gamma");
        Files.createDirectories(out.resolve(".old-alpha"));
        Files.writeString(out.resolve(".old-alpha/results.json"), "superseded alpha");

        folder(out).removeLeftovers();

        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(List.of("", "README.md", "alpha", "alpha/results.json", "gamma", "gamma/results.json",
                    "models", "models/beta"), files.map(p -> out.relativize(p).toString()).sorted().toList());
        }
        assertEquals("previous gamma", Files.readString(out.resolve("gamma/results.json")));
        assertEquals("kept", Files.readString(out.resolve("alpha/results.json")));
    }

    @Test
    void cleanupOfAMissingFolderDoesNothing(@TempDir Path dir) {
        folder(dir.resolve("never-created")).removeLeftovers();
        assertFalse(Files.exists(dir.resolve("never-created")));
    }
}
