package dev.digitslab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.comparison.cli.DigitsLab;
import dev.digitslab.comparison.cli.InterruptedRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a run on Spark ({@code local[2]}, in a child JVM started as bin/digits-lab-spark starts it): the job
 * is cancelled, the JVM ends, and the reports written before are byte for byte as they were, with no staging folder or
 * partial file left beside them.
 */
class SparkInterruptionTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void ctrlCCancelsTheJobAndLeavesThePreviousReportIntact() throws Exception {
        Path out = dir.resolve("reports");
        Path quick = Files.writeString(dir.resolve("quick.yaml"), InterruptedRuns.spec("quick", 4, 1));
        assertEquals(0, DigitsLab.execute("run", "--spec", quick.toString(), "--impl", "scratch", "--subset", "500",
                "--out", out.toString()));
        Map<String, byte[]> before = snapshot(out);

        Path slow = Files.writeString(dir.resolve("slow.yaml"), InterruptedRuns.spec("slow", 256, 200));
        Path stderr = dir.resolve("stderr.txt");
        Process child = startOnSpark(stderr, "run", "--spec", slow.toString(), "--impl", "scratch", "--subset", "20000",
                "--master", "local[2]", "--out", out.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(stderr).contains("tasks, Spark") && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(3000); // into the training
        assertTrue(child.isAlive(), "the run ended before it could be interrupted: " + Files.readString(stderr));
        InterruptedRuns.ctrlC(child);

        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the interrupted run did not stop in 30 s");
        int code = child.exitValue();
        assertTrue(code == DigitsLab.INTERRUPTED || code == 143, "exit code " + code + "\n" + Files.readString(stderr));
        Map<String, byte[]> after = snapshot(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file));
    }

    /** {@code digits-lab args...} in a child JVM with Spark's JVM options, on the test class path. */
    private Process startOnSpark(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(SparkJvmOptions.all());
        command.addAll(List.of("-Xmx2g", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.ui.enabled=false", "-cp", System.getProperty("java.class.path"), DigitsLab.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(Map.of("OMP_NUM_THREADS", "1", "OMP_WAIT_POLICY", "PASSIVE",
                "SPARK_LOCAL_IP", "127.0.0.1"));
        return builder.start();
    }

    /** Every file and folder under {@code root} (hidden ones too), by relative path; a folder's bytes are empty. */
    private static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.toList()) {
                files.put(root.relativize(file) + (Files.isDirectory(file) ? "/" : ""),
                        Files.isDirectory(file) ? new byte[0] : Files.readAllBytes(file));
            }
        }
        return files;
    }
}
