package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `digits-lab benchmark`: its options checked before anything runs, and one tiny real run. */
class BenchmarkCommandTest {

    @Test
    void badOptionsAreOneLineBeforeAnythingRuns(@TempDir Path dir) {
        assertBad("--rounds must be a positive number, found 0", "benchmark", "--rounds", "0");
        assertBad("--epochs must be a positive number, found -1", "benchmark", "--epochs", "-1");
        assertBad("--workloads: no workload 'mlp-9' (known: mlp-128-batch-32, ", "benchmark", "--workloads",
                "mlp-128-batch-32,mlp-9");
        assertBad("--launcher " + dir.resolve("nothing") + ": not an executable file", "benchmark", "--launcher",
                dir.resolve("nothing").toString());
    }

    private static void assertBad(String message, String... args) {
        BadInputTest.Result r = BadInputTest.run(args);
        assertEquals(DigitsLab.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    /** Two child JVMs on 600 images for one epoch: the project's rows, and the peers skipped with the reason. */
    @Test
    void withoutPythonItPrintsTheProjectsRowsAndSaysWhatItSkipped(@TempDir Path dir) throws IOException {
        Path python = dir.resolve("python3");
        Files.writeString(python, "#!/bin/sh\necho \"No module named $2\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path json = dir.resolve("bench.json");
        BadInputTest.Result r = BadInputTest.run("benchmark", "--workloads", "mlp-128-batch-128", "--epochs", "1",
                "--subset", "600", "--python", python.toString(), "--out", json.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("skipped: PyTorch skipped: no Python that imports torch"), r.out());
        assertTrue(r.out().contains("skipped: NumPy skipped: no Python that imports numpy"), r.out());
        assertTrue(r.out().contains("| workload | scratch | framework | scratch ÷ fastest peer |"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| 784-128-10 Adam, batch 128 | ")
                && l.endsWith(" | – |")), r.out());
        JsonNode raw = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, raw.path("measurements").size(), raw.toString());
        for (JsonNode m : raw.path("measurements")) {
            assertEquals(1, m.path("epochSeconds").size(), m.toString());
            assertTrue(m.path("error").isNull(), m.toString());
        }
    }
}
