package dev.digitslab.spark;

import dev.digitslab.comparison.run.ExecutorProvider;
import dev.digitslab.comparison.run.TaskExecutor;
import java.util.Map;

/**
 * Runs the {@code run} command's tasks on Apache Spark for Spark's master URLs (found with the ServiceLoader).
 * Spark Core brings the local and standalone cluster managers; Kubernetes and YARN come with Spark's own modules,
 * which a Spark distribution puts on the class path under {@code spark-submit} and this module's launcher does not.
 */
public final class SparkExecutorProvider implements ExecutorProvider {
    /** Master URL prefix → the cluster manager class Spark needs for it beyond Spark Core. */
    private static final Map<String, String> CLUSTER_MANAGERS = Map.of(
            "k8s://", "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager",
            "yarn", "org.apache.spark.scheduler.cluster.YarnClusterManager");

    @Override
    public boolean accepts(String master) {
        return master.equals("local") || master.startsWith("local[") || master.startsWith("spark://")
                || CLUSTER_MANAGERS.keySet().stream().anyMatch(master::startsWith);
    }

    @Override
    public TaskExecutor open(String master) {
        CLUSTER_MANAGERS.forEach((prefix, manager) -> {
            if (master.startsWith(prefix) && !onClassPath(manager)) {
                throw new IllegalArgumentException("--master " + master + ": Spark's cluster manager for it is not on "
                        + "the class path (bin/digits-lab-spark carries local[N] and spark:// only); run it with "
                        + "spark-submit of a Spark 4.2 distribution that has it (see spark-runner/README.md)");
            }
        });
        return new SparkExecutor(SparkSettings.conf(master));
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, SparkExecutorProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
