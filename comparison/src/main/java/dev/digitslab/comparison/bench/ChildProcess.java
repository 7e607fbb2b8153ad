package dev.digitslab.comparison.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Runs one measurement's command in a fresh process, its output in files (no pipe can fill and stall it), and
 * follows its peak resident memory: Linux's high-water mark {@code VmHWM} from /proc, polled every
 * {@value #POLL_MILLIS} ms for the process and its descendants (a launcher script may start the JVM as a child).
 * Where /proc is absent the peak is unknown.
 */
final class ChildProcess {
    private static final long POLL_MILLIS = 100;
    /** Lines of a failed child's standard error kept for its one line of report. */
    private static final int TAIL_LINES = 3;

    private ChildProcess() {
    }

    /**
     * What a child did.
     *
     * @param exitCode   its exit code
     * @param stdout     its standard output
     * @param stderrTail the last lines of its standard error
     * @param peakRssKib the largest VmHWM seen, in KiB (empty where /proc could not tell)
     */
    record Outcome(int exitCode, String stdout, List<String> stderrTail, OptionalLong peakRssKib) {
    }

    /** Runs {@code command} in {@code dir} with {@code extraEnv} added to this process's environment. */
    static Outcome run(List<String> command, Map<String, String> extraEnv, Path dir) throws IOException,
            InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().close();
        long peak = -1;
        try {
            while (process.isAlive()) {
                peak = Math.max(peak, peakKib(process.toHandle()));
                process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } finally {
            if (process.isAlive()) { // interrupted: the child must not outlive the benchmark
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        }
        return new Outcome(process.waitFor(), text(out), tail(err),
                peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak));
    }

    /** The largest VmHWM of the process and its descendants now, or -1 where none can be read. */
    private static long peakKib(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .mapToLong(p -> highWaterMarkKib(Path.of("/proc", Long.toString(p.pid()), "status"))).max()
                .orElse(-1);
    }

    /** The VmHWM line of a /proc/PID/status file in KiB, or -1 (no such file, a process already gone). */
    static long highWaterMarkKib(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone between listing and reading, or no /proc: unknown
        }
        return -1;
    }

    /** A file's text; bytes that are not UTF-8 (a native library's message) become replacement characters. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static List<String> tail(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : text(file).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
