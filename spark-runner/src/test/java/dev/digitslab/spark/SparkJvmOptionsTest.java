package dev.digitslab.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module's test and cluster JVMs get Spark's own JVM options: the list in this module's pom
 * ({@code spark.jvm.args}) holds every option Spark's launcher gives its JVMs, so a Spark upgrade that adds one fails
 * here instead of at run time on some JDK.
 */
class SparkJvmOptionsTest {

    @Test
    void thisJvmHasEveryOptionSparksLauncherGives() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : SparkJvmOptions.all()) {
            assertTrue(arguments.contains(option), "missing JVM option " + option + " (in " + arguments + ")");
        }
    }
}
