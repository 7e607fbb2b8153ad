package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.digitslab.datasets.FashionMnistLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code run} that fails — its data missing, its spec bad or unrunnable, refused before training — leaves the
 * output folder exactly as it was: no empty {@code models/} or report folder, nothing half-written. Each case runs
 * twice: into a folder that does not exist yet (it must still not exist) and into one that holds a previous report
 * (it must be byte-identical).
 */
class FailedRunLeavesNothingBehindTest {
    @TempDir
    Path dir;
    Path previous;

    @BeforeEach
    void copyAPreviousReport() throws IOException {
        previous = dir.resolve("previous");
        UnwritableOutputTest.copyTree(Path.of("..", "reports", "zero-vs-one"), previous.resolve("zero-vs-one"));
        Files.writeString(previous.resolve("README.md"), "a previous report");
    }

    @Test
    void missingDataLeavesNothingBehind() throws IOException {
        assumeFalse(Files.isDirectory(FashionMnistLocator.DEBIAN_DIR), "Fashion-MNIST is installed here");
        Path spec = Files.writeString(dir.resolve("fashion.yaml"), TinySpec.yaml("fashion", "fashion-mnist"));
        Path empty = Files.createDirectories(dir.resolve("no-data"));
        String before = System.getProperty(FashionMnistLocator.DIR_PROPERTY);
        System.setProperty(FashionMnistLocator.DIR_PROPERTY, empty.toString());
        try {
            assertLeavesNothing("Fashion-MNIST is not available", "run", "--spec", spec.toString(), "--impl",
                    "scratch");
        } finally {
            if (before == null) {
                System.clearProperty(FashionMnistLocator.DIR_PROPERTY);
            } else {
                System.setProperty(FashionMnistLocator.DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void aSpecThatCannotRunLeavesNothingBehind() throws IOException {
        Path unsupported = Files.writeString(dir.resolve("emnist.yaml"), TinySpec.yaml("emnist", "emnist"));
        assertLeavesNothing("data set 'emnist' is not supported", "run", "--spec", unsupported.toString());
        Path malformed = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nnetwork: [{type: conv}]\n");
        assertLeavesNothing("unknown type 'conv'", "run", "--spec", malformed.toString());
    }

    @Test
    void aRunRefusedBeforeTrainingLeavesNothingBehind() throws IOException {
        assertLeavesNothing("study lockstep (lockstep) needs both implementations", "run", "lockstep", "--impl",
                "scratch");
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        assertLeavesNothing("cannot write models to " + blocker.resolve("models"), "run", "zero-vs-one", "--models",
                blocker.resolve("models").toString());
    }

    @Test
    void aDamagedResultsFileInTheOutputFolderIsRefusedBeforeTraining() throws IOException {
        Path damaged = previous.resolve("zero-vs-one").resolve("results.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode results = (ObjectNode) json.readTree(damaged.toFile());
        ((ObjectNode) results.get("runs").get(0)).putNull("history");
        Files.writeString(damaged, json.writeValueAsString(results));
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(previous);

        BadInputTest.Result r = BadInputTest.run("run", "multiclass", "--out", previous.toString());
        assertEquals(DigitsLab.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("digits-lab: invalid results file " + damaged
                + ": runs[0].history: expected an array, found null"), r.err());
        assertEquals("", r.out(), "nothing was trained");
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(previous));
    }

    /** Runs the command into a new folder and into the previous report; both must be as before. */
    private void assertLeavesNothing(String expected, String... command) throws IOException {
        Path fresh = dir.resolve("fresh").resolve("reports");
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(previous);
        for (Path out : List.of(fresh, previous)) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--out", out.toString()));
            BadInputTest.Result r = BadInputTest.run(args.toArray(String[]::new));
            assertEquals(DigitsLab.BAD_INPUT, r.code(), r.out() + r.err());
            assertTrue(r.err().startsWith("digits-lab: ") && r.err().contains(expected),
                    "expected '" + expected + "' in: " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("fresh")), "a folder the failed run made is left behind");
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(previous));
    }
}
