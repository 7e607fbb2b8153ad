package dev.digitslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which master URLs the Spark launcher takes, and a Kubernetes master it cannot serve refused in one line that says
 * how to run it, before any Spark context starts.
 */
class SparkExecutorProviderTest {
    private final SparkExecutorProvider provider = new SparkExecutorProvider();

    @Test
    void acceptsSparksMasterUrlsOnly() {
        for (String master : new String[] {"local", "local[2]", "local[*]", "local[2,3]", "spark://127.0.0.1:7077",
                "k8s://https://api:6443", "yarn"}) {
            assertTrue(provider.accepts(master), master);
        }
        for (String master : new String[] {"localhost", "mesos://host:5050", "http://host"}) {
            assertFalse(provider.accepts(master), master);
        }
    }

    @Test
    void aKubernetesMasterWithoutSparksKubernetesModuleIsRefusedWithTheWayToRunIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.open("k8s://https://127.0.0.1:6443"));
        assertEquals("--master k8s://https://127.0.0.1:6443: Spark's cluster manager for it is not on the class path "
                + "(bin/digits-lab-spark carries local[N] and spark:// only); run it with spark-submit of a Spark 4.2 "
                + "distribution that has it (see spark-runner/README.md)", e.getMessage());
    }
}
