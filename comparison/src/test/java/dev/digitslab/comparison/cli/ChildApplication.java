package dev.digitslab.comparison.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real application in a child JVM, started the way bin/digits-lab starts it, on the test class path: for
 * faults that only a separate process can meet (a signal, an operating-system limit on file size).
 */
final class ChildApplication {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildApplication(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code digits-lab args...}.
     *
     * @param fileSizeLimitKiB if not null, the largest file the child may write (bash's {@code ulimit -f}): a
     *                         longer write fails with "File too large", as on a full disk
     * @param logs             folder for the child's stdout and stderr
     */
    static ChildApplication start(Integer fileSizeLimitKiB, Path logs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (fileSizeLimitKiB != null) {
            command.addAll(List.of("/bin/bash", "-c", "ulimit -f " + fileSizeLimitKiB + " && exec \"$@\"", "bash"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-XX:-UsePerfData",
                "-Xmx1g", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                DigitsLab.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path out = logs.resolve("stdout.txt");
        Path err = logs.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return new ChildApplication(builder.start(), out, err);
    }

    static boolean bashAvailable() {
        return Files.isExecutable(Path.of("/bin/bash"));
    }

    Process process() {
        return process;
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }
}
