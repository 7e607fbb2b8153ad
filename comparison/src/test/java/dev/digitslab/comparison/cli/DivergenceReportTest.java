package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec whose learning rate makes both implementations diverge (plain SGD at 1e30 gives a NaN loss at the
 * second batch of real MNIST in each) run through the application: the run stops at once with the epoch and
 * batch, the command exits with {@link DigitsLab#RUN_FAILED}, and the report records and shows both runs as
 * failed, without half-written files or models.
 */
class DivergenceReportTest {

    @Test
    void divergingRunsAreReportedAsFailedWithTheEpochAndBatch(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("diverging.yaml"), """
                name: diverging
                data: {dataset: mnist, task: {kind: multiclass}}
                network:
                  - {type: dense, units: 16, activation: relu}
                  - {type: dense, units: 10, activation: softmax}
                loss: categorical-cross-entropy
                optimizer: {kind: sgd, learningRate: 1.0e30}
                batchSize: 32
                epochs: 2
                seeds: [1]
                """);
        Path out = dir.resolve("reports");
        BadInputTest.Result r = BadInputTest.run("run", "--spec", spec.toString(), "--subset", "1000", "--out",
                out.toString());

        assertEquals(DigitsLab.RUN_FAILED, r.code(), r.out() + r.err());
        StudyResults results = ResultsFile.read(out.resolve("diverging/results.json"), Set.of("framework", "scratch"));
        assertEquals(List.of("framework", "scratch"), results.runs().stream().map(RunResult::implementation).toList());
        for (RunResult run : results.runs()) {
            assertEquals(RunResult.FAILED, run.status(), run.toString());
            assertTrue(run.error().contains("training diverged: loss is NaN at epoch 1, batch 1"), run.error());
            assertTrue(run.history().isEmpty(), "no epoch completed: " + run.history());
            assertTrue(r.out().contains("diverging") && r.out().contains(run.implementation()) && r.out().contains(
                    "FAILED: training diverged"), r.out());
        }
        String readme = Files.readString(out.resolve("README.md"));
        for (String impl : List.of("framework", "scratch")) {
            String row = readme.lines().filter(l -> l.startsWith("| [diverging]") && l.contains("| " + impl + " |"))
                    .findFirst().orElseThrow(() -> new AssertionError("no summary row for " + impl + ":\n" + readme));
            assertTrue(row.contains("**failed**: seed 1: training diverged: loss is NaN at epoch 1, batch 1"), row);
        }
        assertTrue(Files.readString(out.resolve("index.html")).contains("training diverged"));
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertFalse(name.endsWith(".part") || name.startsWith(".staging-") || name.startsWith(".old-"),
                        "half-written: " + f);
                assertFalse(name.endsWith(".model"), "a diverged run saves no model: " + f);
            }
        }
    }
}
