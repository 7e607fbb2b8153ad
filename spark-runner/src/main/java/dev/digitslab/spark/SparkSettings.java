package dev.digitslab.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;

/**
 * The Spark configuration a run gets: whatever the user set ({@code spark.*} system properties, spark-submit's
 * {@code --conf}), plus what the implementations need on every executor unless the user chose otherwise.
 * <ul>
 *   <li>{@code OMP_NUM_THREADS} = {@code spark.task.cpus} and {@code OMP_WAIT_POLICY=PASSIVE} in the executors'
 *       environment: ND4J's default (a busy-waiting OpenMP thread per core) oversubscribes the cores that
 *       concurrent tasks share, and ran many times slower.</li>
 *   <li>JavaCPP's per-allocation memory polling off in the executors' JVM options (10–30% of a Deeplearning4j
 *       epoch). Spark adds its own {@code --add-opens} list (which holds the Vector API module) to every JVM it
 *       launches.</li>
 * </ul>
 */
final class SparkSettings {
    static final String APP_NAME = "digits-lab";
    /** The JVM options the implementations need, beyond Spark's own module options. */
    static final List<String> PROJECT_JVM_OPTIONS = List.of("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");

    private SparkSettings() {
    }

    /** The configuration for {@code master}: the user's settings first, the project's defaults where unset. */
    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf(); // loads spark.* system properties, as spark-submit sets them
        conf.setMaster(master);
        conf.setIfMissing("spark.app.name", APP_NAME);
        int taskCpus = taskCpus(conf);
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(taskCpus));
        conf.setIfMissing("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        List<String> options = new ArrayList<>(PROJECT_JVM_OPTIONS);
        String user = conf.get("spark.executor.extraJavaOptions", "").trim();
        if (!user.isEmpty()) {
            options.add(user); // the user's last, so that theirs win
        }
        conf.set("spark.executor.extraJavaOptions", String.join(" ", options));
        return conf;
    }

    /** Threads each task computes with: the cores Spark reserves for it. */
    static int taskCpus(SparkConf conf) {
        return Math.max(1, conf.getInt("spark.task.cpus", 1));
    }
}
