package dev.digitslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digitslab.comparison.cli.DigitsLab;
import dev.digitslab.comparison.results.ResultsWithoutTimings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The small catalogue the Spark tests run both ways: a comparison with two seeds, weight transfer and lockstep, both
 * implementations, on a real MNIST subset for one epoch, one thread per run (Deeplearning4j's results depend on its
 * thread count), with the same results expected from the local executor and from Spark.
 */
final class SmallCatalogue {
    private static final String[] STUDIES = {"multiclass", "weight-transfer", "lockstep", "--subset", "2000",
            "--epochs", "1", "--seeds", "2"};

    private SmallCatalogue() {
    }

    /** Runs it with the local executor, two runs at a time, one thread each; returns the exit code. */
    static int runLocally(Path out) {
        return run(out, "--parallel", "2", "--threads", "1");
    }

    /** Runs it on Spark at {@code master}; returns the exit code. */
    static int runOnSpark(Path out, String master) {
        return run(out, "--master", master);
    }

    /** Asserts that both report folders hold the same results, field by field, apart from timings and environment. */
    static void assertSameResults(Path expected, Path actual) throws IOException {
        Map<String, JsonNode> local = ResultsWithoutTimings.ofFolder(expected);
        assertEquals(List.of("lockstep", "multiclass", "weight-transfer"), List.copyOf(local.keySet()));
        assertEquals(4, local.get("multiclass").get("runs").size());
        local.values().forEach(study -> study.get("runs").forEach(run ->
                assertEquals("ok", run.get("status").asText(), run.toString())));
        assertEquals(local, ResultsWithoutTimings.ofFolder(actual));
    }

    private static int run(Path out, String... executor) {
        return DigitsLab.execute(Stream.of(new String[] {"run"}, STUDIES, executor,
                new String[] {"--out", out.toString()}).flatMap(Stream::of).toArray(String[]::new));
    }
}
