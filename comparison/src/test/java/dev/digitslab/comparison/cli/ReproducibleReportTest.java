package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digitslab.comparison.results.ResultsWithoutTimings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same spec, seed and thread count ⇒ the same report, timings aside: both implementations, run twice in
 * one JVM (Deeplearning4j on the same native binary), give identical results.json files once the wall-clock
 * fields are removed.
 */
class ReproducibleReportTest {
    @Test
    void twoRunsGiveTheSameResultsApartFromTimings(@TempDir Path first, @TempDir Path second) throws IOException {
        for (Path out : new Path[] {first, second}) {
            assertEquals(0, DigitsLab.execute("run", "zero-vs-one", "--subset", "2000", "--epochs", "2", "--seeds", "1",
                    "--out", out.toString()));
        }
        JsonNode a = ResultsWithoutTimings.of(first.resolve("zero-vs-one/results.json"));
        JsonNode b = ResultsWithoutTimings.of(second.resolve("zero-vs-one/results.json"));
        assertTrue(a.get("runs").size() == 2, a.toString());
        assertEquals(a, b);
    }
}
