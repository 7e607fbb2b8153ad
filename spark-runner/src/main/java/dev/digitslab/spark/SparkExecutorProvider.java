package dev.digitslab.spark;

import dev.digitslab.comparison.run.ExecutorProvider;
import dev.digitslab.comparison.run.TaskExecutor;
import java.util.List;

/** Runs the {@code run} command's tasks on Apache Spark for Spark's master URLs (found with the ServiceLoader). */
public final class SparkExecutorProvider implements ExecutorProvider {
    private static final List<String> SCHEMES = List.of("spark://", "k8s://", "yarn", "mesos://");

    @Override
    public boolean accepts(String master) {
        return master.equals("local") || master.startsWith("local[") || SCHEMES.stream().anyMatch(master::startsWith);
    }

    @Override
    public TaskExecutor open(String master) {
        return new SparkExecutor(SparkSettings.conf(master));
    }
}
