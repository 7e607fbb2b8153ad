package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real sweep, small: a spec file's sweep: block of two learning rates, the command line's sweep of two batch
 * sizes and a --set, two seeds, scratch only on an MNIST subset. The results keep every point's exact spec and what
 * it was trained with; the report has the sweep's table and chart and says the run is not the spec as written.
 */
class SweepRunTest {
    private static final Set<String> IMPLEMENTATIONS = Set.of("framework", "scratch");

    @TempDir
    static Path out;
    static String runOutput;

    @BeforeAll
    static void runSmallSweep() throws IOException {
        Path spec = Files.writeString(out.resolve("tiny.yaml"), TinySpec.yaml("tiny")
                + "sweep: {optimizer.learningRate: [0.003, 0.03]}\n");
        StringWriter text = new StringWriter();
        CommandLine cl = DigitsLab.commandLine();
        cl.setOut(new PrintWriter(text));
        int code = cl.execute("run", "--spec", spec.toString(), "--impl", "scratch", "--sweep", "batchSize=50,200",
                "--set", "network[0].units=8", "--subset", "600", "--seeds", "2", "--out", out.resolve("reports").toString());
        runOutput = text.toString();
        assertEquals(0, code, runOutput);
    }

    @Test
    void resultsKeepEveryPointsExactSpecAndWhatItWasTrainedWith() {
        StudyResults results = ResultsFile.read(out.resolve("reports/tiny-sweep/results.json"), IMPLEMENTATIONS);
        assertEquals(List.of("optimizer.learningRate", "batchSize"), results.sweep());
        assertEquals(List.of("tiny@lr=0.003+batch=50", "tiny@lr=0.003+batch=200", "tiny@lr=0.03+batch=50",
                "tiny@lr=0.03+batch=200"), results.specs().stream().map(ExperimentSpec::name).toList());
        ExperimentSpec last = results.specs().get(3);
        assertEquals(0.03, last.optimizer().learningRate());
        assertEquals(200, last.batchSize());
        assertEquals(8, ((dev.digitslab.api.spec.LayerSpec.Dense) last.network().get(0)).units());
        assertEquals(600, last.data().subset());
        assertEquals(List.of(1L, 2L), last.seeds());
        assertEquals(Map.of("data.subset", "600", "network[0].units", "8", "optimizer.learningRate", "0.03",
                "batchSize", "200", "seeds", "[1, 2]"), results.overridesOf(last.name()));
        assertEquals(8, results.runs().size()); // 4 points x 2 seeds x scratch
        assertTrue(results.runs().stream().allMatch(RunResult::ok), results.runs().toString());
    }

    @Test
    void reportHasTheSweepTableAndChartAndSaysHowItWasTrained() throws IOException {
        Path dir = out.resolve("reports/tiny-sweep");
        assertTrue(Files.size(dir.resolve("sweep.png")) > 0);
        assertTrue(Files.readString(dir.resolve("sweep.svg")).contains("<svg"));
        assertTrue(Files.exists(dir.resolve("spec-tiny@lr=0.03+batch=200.yaml")));
        String readme = Files.readString(out.resolve("reports/README.md"));
        assertTrue(readme.contains("| optimizer.learningRate | batchSize | scratch test accuracy (95% CI) |"), readme);
        assertTrue(readme.contains("| 0.03 | 200 | "), readme);
        assertTrue(readme.contains("(best)"), readme);
        assertTrue(readme.contains("tiny-sweep/sweep.png"), readme);
        assertTrue(readme.contains("(trained with data.subset 600, network[0].units 8, seeds [1, 2])"), readme);
        assertTrue(readme.contains("**Not run as the swept spec writes it:** trained with data.subset 600, "
                + "network[0].units 8, seeds [1, 2]."), readme);
        assertFalse(Files.exists(dir.resolve("gap.png")), "a sweep is not a comparison of variants");
    }
}
