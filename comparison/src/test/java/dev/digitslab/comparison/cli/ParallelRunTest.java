package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digitslab.comparison.results.ResultsWithoutTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in parallel give what a serial run gives, apart from timings: a small catalogue (comparison with two seeds,
 * weight transfer, lockstep; both implementations, real MNIST subset, one epoch) run one task at a time and two at a
 * time, with one thread per run both ways (Deeplearning4j's results depend on its thread count), gives the same
 * results.json field by field, in the same order, and the same model files.
 */
class ParallelRunTest {
    private static final String[] STUDIES = {"multiclass", "weight-transfer", "lockstep", "--subset", "2000",
            "--epochs", "1", "--seeds", "2", "--threads", "1"};

    @Test
    void twoRunsAtATimeGiveTheSerialResultsApartFromTimings(@TempDir Path serial, @TempDir Path parallel)
            throws IOException {
        assertEquals(0, run(serial, "--parallel", "1"));
        assertEquals(0, run(parallel, "--parallel", "2"));

        Map<String, JsonNode> expected = ResultsWithoutTimings.ofFolder(serial);
        assertEquals(List.of("lockstep", "multiclass", "weight-transfer"), List.copyOf(expected.keySet()));
        assertEquals(4, expected.get("multiclass").get("runs").size());
        assertEquals(2, expected.get("multiclass").get("pairs").size());
        assertEquals(2, expected.get("weight-transfer").get("transfers").size());
        assertEquals(expected, ResultsWithoutTimings.ofFolder(parallel));

        List<Path> models = modelFiles(serial);
        assertEquals(models, modelFiles(parallel));
        for (Path model : models) {
            if (model.getFileName().toString().startsWith("scratch")) { // its format holds nothing but the model
                assertArrayEquals(Files.readAllBytes(serial.resolve("models").resolve(model)),
                        Files.readAllBytes(parallel.resolve("models").resolve(model)), model.toString());
            }
        }
    }

    private static int run(Path out, String... executor) {
        String[] args = Stream.of(new String[] {"run"}, STUDIES, executor, new String[] {"--out", out.toString()})
                .flatMap(Stream::of).toArray(String[]::new);
        return DigitsLab.execute(args);
    }

    private static List<Path> modelFiles(Path reports) throws IOException {
        Path models = reports.resolve("models");
        try (Stream<Path> files = Files.walk(models)) {
            return files.filter(Files::isRegularFile).map(models::relativize).sorted().toList();
        }
    }
}
