package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.comparison.report.SummaryRow;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A small catalogue on a real MNIST subset, through both implementations and every study kind, into a
 * temporary folder: every report file must exist and parse, and the summary must show the JSON's numbers.
 */
class EndToEndSmokeTest {
    private static final Set<String> IMPLEMENTATIONS = Set.of("framework", "scratch");

    @TempDir
    static Path out;
    static String runOutput;

    @BeforeAll
    static void runSmallCatalogue() {
        StringWriter text = new StringWriter();
        CommandLine cl = DigitsLab.commandLine();
        cl.setOut(new PrintWriter(text));
        int code = cl.execute("run", "zero-vs-one", "multiclass", "weight-transfer", "lockstep", "--subset", "3000",
                "--epochs", "2", "--seeds", "1", "--out", out.toString());
        runOutput = text.toString();
        assertEquals(0, code, runOutput);
    }

    @Test
    void everyReportFileExistsAndParses() throws IOException {
        for (String study : List.of("zero-vs-one", "multiclass", "weight-transfer", "lockstep")) {
            Path dir = out.resolve(study);
            StudyResults results = ResultsFile.read(dir.resolve("results.json"), IMPLEMENTATIONS);
            assertEquals(study, results.study());
            assertTrue(results.runs().stream().allMatch(RunResult::ok), study + ": " + results.runs());
            for (RunResult run : results.runs()) { // the process's memory while it trained
                assertTrue(run.memory().peakHeapBytes() > 0, study + ": " + run.memory());
                assertTrue(run.memory().peakRssBytes() >= run.memory().peakHeapBytes()
                        || !Files.exists(Path.of("/proc/self/status")), study + ": " + run.memory());
            }
            assertTrue(Files.readAllLines(dir.resolve("history.csv")).size() > 1, study);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".png")) {
                        assertNotNull(ImageIO.read(f.toFile()), name);
                    } else if (name.endsWith(".svg")) {
                        assertTrue(Files.readString(f).contains("<svg"), name);
                    }
                    assertFalse(name.endsWith(".part"), "no half-written file: " + name);
                }
            }
        }
        assertTrue(Files.exists(out.resolve("multiclass/loss-multiclass.png")));
        assertTrue(Files.exists(out.resolve("multiclass/confusion-multiclass-scratch.png")));
        assertTrue(Files.exists(out.resolve("lockstep/lockstep-distance.svg")));
        assertTrue(Files.readString(out.resolve("index.html")).contains("data:image/png;base64,"));
        assertTrue(Files.exists(out.resolve("models/multiclass/scratch-seed42.model")));
        assertTrue(Files.exists(out.resolve("models/multiclass/framework-seed42.model")));
    }

    @Test
    void summaryShowsTheNumbersInTheJson() throws IOException {
        String readme = Files.readString(out.resolve("README.md"));
        for (String study : List.of("zero-vs-one", "multiclass")) {
            StudyResults results = ResultsFile.read(out.resolve(study).resolve("results.json"), IMPLEMENTATIONS);
            for (SummaryRow row : SummaryRow.of(results)) {
                String accuracy = String.format(Locale.ROOT, "%.2f%%", 100 * row.accuracy().mean());
                String seconds = String.format(Locale.ROOT, "%.2f", row.secondsPerEpoch());
                String heap = String.format(Locale.ROOT, "| %,d / ", Math.round(row.peakHeapBytes() / 1048576.0));
                String line = readme.lines().filter(l -> l.startsWith("| [" + row.spec() + "]")
                        && l.contains("| " + row.implementation() + " |")).findFirst().orElseThrow();
                assertTrue(line.contains(accuracy) && line.contains(seconds) && line.contains(heap),
                        line + " vs " + accuracy + ", " + seconds + ", " + heap);
            }
        }
    }

    @Test
    void weightTransferGivesTheSamePredictionsBothWays() throws IOException {
        StudyResults results = ResultsFile.read(out.resolve("weight-transfer/results.json"), IMPLEMENTATIONS);
        assertEquals(2, results.transfers().size());
        results.transfers().forEach(t -> {
            assertEquals(0, t.differingPredictions(), t.toString());
            assertTrue(t.maxAbsProbabilityDifference() < 1e-4, t.toString());
        });
    }

    @Test
    void lockstepStartsTogetherAndStaysClose() throws IOException {
        StudyResults results = ResultsFile.read(out.resolve("lockstep/results.json"), IMPLEMENTATIONS);
        assertEquals(2, results.lockstep().size());
        assertTrue(results.lockstep().get(0).relativeDistance() < 1e-2, results.lockstep().toString());
    }

    @Test
    void reportReRendersTheSameSummaryWithoutTraining(@TempDir Path copy) throws IOException {
        assertEquals(0, DigitsLab.execute("report", "--from", out.toString(), "--out", copy.toString()));
        assertEquals(Files.readString(out.resolve("README.md")), Files.readString(copy.resolve("README.md")));
    }
}
