package dev.digitslab.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * The JVM options a JVM that runs Spark here needs: Spark's own module options for JDK 17+ (taken from Spark's
 * launcher, so they follow the Spark version; they hold the Vector API module and
 * {@code -XX:+IgnoreUnrecognizedVMOptions} for options only newer JDKs know) and the project's. As a main it prints
 * them on one line, for the launcher script.
 */
public final class SparkJvmOptions {
    private SparkJvmOptions() {
    }

    /** Spark's options, then the project's. */
    public static List<String> all() {
        List<String> options = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        options.addAll(SparkSettings.PROJECT_JVM_OPTIONS);
        return options;
    }

    public static void main(String[] args) {
        System.out.println(String.join(" ", all()));
    }
}
