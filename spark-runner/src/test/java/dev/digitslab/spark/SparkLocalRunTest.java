package dev.digitslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digitslab.comparison.results.ResultsWithoutTimings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark in local mode ({@code local[2]}: tasks serialised, run by Spark's executor threads, outcomes serialised back)
 * gives the local executor's results, field by field, apart from timings and environment.
 */
class SparkLocalRunTest {

    @BeforeAll
    static void loopbackWithoutUi() {
        TestSparkSettings.apply();
    }

    @AfterAll
    static void clear() {
        TestSparkSettings.clear();
    }

    @Test
    void sparkLocalModeGivesTheLocalExecutorsResults(@TempDir Path local, @TempDir Path spark) throws IOException {
        assertEquals(0, SmallCatalogue.runLocally(local));
        assertEquals(0, SmallCatalogue.runOnSpark(spark, "local[2]"));
        SmallCatalogue.assertSameResults(local, spark);

        JsonNode environment = ResultsWithoutTimings.of(spark.resolve("multiclass/results.json")).get("environment");
        assertTrue(environment.get("execution").asText().startsWith("Spark 4."), environment.toString());
        assertEquals("1", environment.get("threads per run").asText());
    }
}
