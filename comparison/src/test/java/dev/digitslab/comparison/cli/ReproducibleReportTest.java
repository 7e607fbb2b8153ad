package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same spec, seed and thread count ⇒ the same report, timings aside: both implementations, run twice in
 * one JVM (Deeplearning4j on the same native binary), give identical results.json files once the wall-clock
 * fields are removed.
 */
class ReproducibleReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoRunsGiveTheSameResultsApartFromTimings(@TempDir Path first, @TempDir Path second) throws IOException {
        for (Path out : new Path[] {first, second}) {
            assertEquals(0, DigitsLab.execute("run", "zero-vs-one", "--subset", "2000", "--epochs", "2", "--seeds", "1",
                    "--out", out.toString()));
        }
        JsonNode a = withoutTimings(JSON.readTree(first.resolve("zero-vs-one/results.json").toFile()));
        JsonNode b = withoutTimings(JSON.readTree(second.resolve("zero-vs-one/results.json").toFile()));
        assertTrue(a.get("runs").size() == 2, a.toString());
        assertEquals(a, b);
    }

    /** Drops the fields that hold wall-clock time: when the run finished and how long epochs took. */
    private static JsonNode withoutTimings(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("createdAt");
            o.remove("seconds");
            o.remove("secondsPerEpoch");
        }
        node.forEach(ReproducibleReportTest::withoutTimings);
        return node;
    }
}
