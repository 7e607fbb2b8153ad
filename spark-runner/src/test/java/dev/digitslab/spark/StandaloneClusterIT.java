package dev.digitslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.digitslab.spark.cluster.LocalStandaloneCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on this machine: a Spark master and a worker as separate JVM processes on 127.0.0.1,
 * started from the project's own dependencies; the worker launches executor JVMs that find MNIST themselves. The
 * small catalogue run through {@code spark://127.0.0.1:PORT} gives the local executor's results. The cluster is
 * stopped afterwards, also when the test fails.
 */
class StandaloneClusterIT {
    /** One executor of 2 cores (two tasks at a time, one thread each, like the local run it is compared with). */
    private static final Map<String, String> EXECUTOR = Map.of(
            "spark.executor.cores", "2",
            "spark.executor.memory", "3g",
            "spark.cores.max", "2");

    @TempDir
    Path dir;
    private LocalStandaloneCluster cluster;

    @BeforeEach
    void startCluster() throws IOException, InterruptedException {
        cluster = LocalStandaloneCluster.start(dir.resolve("cluster"), 2, "4g", Duration.ofMinutes(2));
        TestSparkSettings.apply();
        EXECUTOR.forEach(System::setProperty);
        System.setProperty("spark.executor.extraClassPath", LocalStandaloneCluster.absoluteClassPath());
    }

    @AfterEach
    void stopCluster() {
        TestSparkSettings.clear();
        EXECUTOR.keySet().forEach(System::clearProperty);
        System.clearProperty("spark.executor.extraClassPath");
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    // A driver whose master is gone waits for it forever: fail instead (the cluster is stopped after the timeout).
    @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStandaloneClusterGivesTheLocalExecutorsResults() throws IOException {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        assertEquals(0, SmallCatalogue.runLocally(local));
        assertFalse(cluster.masterUrl().isEmpty());
        assertEquals(0, SmallCatalogue.runOnSpark(spark, cluster.masterUrl()));
        SmallCatalogue.assertSameResults(local, spark);
    }
}
