package dev.digitslab.api.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.digitslab.api.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;

/**
 * Runs fuzz inputs against one rule: each input is either accepted or rejected with the project's own
 * exception (whose message must also pass a clarity check) — never another exception, an error, or a hang.
 * Counts the outcomes per mutation, saves every input that broke the rule under {@code target/fuzz-failures}
 * so it can become a regression test, and writes the counts to {@code target/fuzz-summary-<name>.txt}.
 *
 * <p>Shared with other modules' tests through experiment-api's test jar.
 *
 * @param <T> the exception type a bad input must produce
 */
public final class FuzzTally<T extends Exception> {
    /** One file's bytes as it was given to the reader. */
    public record Input(String fileName, byte[] bytes) {
    }

    /** Reads one input. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");

    private final String name;
    private final long seed;
    private final Class<T> rejection;
    private final BiFunction<T, List<Input>, String> unclear;
    private final Map<String, int[]> byMutation = new TreeMap<>(); // mutation -> {inputs, rejected, accepted}
    private final List<String> violations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int inputs;
    private int rejected;
    private int accepted;
    private volatile String current = "none yet";

    /**
     * @param unclear given a rejection and the inputs, a description of what is unclear about its message,
     *                or null if the message is fine
     */
    public FuzzTally(String name, long seed, Class<T> rejection, BiFunction<T, List<Input>, String> unclear) {
        this.name = name;
        this.seed = seed;
        this.rejection = rejection;
        this.unclear = unclear;
    }

    /**
     * Runs {@code batch} under a time limit, so a hanging reader fails the test (naming the input it hung on)
     * instead of hanging the build.
     */
    public void inBatch(Duration limit, Runnable batch) {
        assertTimeoutPreemptively(limit, batch::run, () -> name + " fuzz: a batch exceeded " + limit
                + "; the input being read was " + current);
    }

    /** Reads one input and classifies what happened. */
    public void attempt(String mutation, List<Input> given, Attempt attempt) {
        int index = inputs++;
        current = "#" + index + " (" + mutation + ")";
        int[] counts = byMutation.computeIfAbsent(mutation, m -> new int[3]);
        counts[0]++;
        try {
            attempt.run();
            accepted++;
            counts[2]++;
        } catch (Throwable t) {
            if (rejection.isInstance(t)) {
                String problem = unclear.apply(rejection.cast(t), given);
                if (problem == null) {
                    rejected++;
                    counts[1]++;
                    return;
                }
                violate(index, mutation, given, "unclear message: " + problem + "\n" + t.getMessage());
            } else if (t instanceof VirtualMachineError e) {
                violate(index, mutation, given, stackOf(t));
                if (!(e instanceof OutOfMemoryError || e instanceof StackOverflowError)) {
                    throw e;
                }
            } else {
                violate(index, mutation, given, stackOf(t));
            }
        }
    }

    /** Records a broken property of an accepted or rejected input (beyond its exception type). */
    public void violation(String mutation, List<Input> given, String what) {
        violate(inputs - 1, mutation, given, what);
    }

    /** Adds a line to the summary file (e.g. a figure a property check measured). */
    public void note(String line) {
        notes.add(line);
    }

    /** Logs the one-line summary, writes the summary file, and fails if any input broke the rule. */
    public void finish(Logger log) throws IOException {
        String line = String.format("%s fuzz: %d inputs (seed %d), %d rejected with %s, %d accepted, %d broke the rule",
                name.toUpperCase(java.util.Locale.ROOT), inputs, seed, rejected, rejection.getSimpleName(), accepted,
                violations.size());
        log.info(line);
        StringBuilder s = new StringBuilder(line).append("\n\n")
                .append(String.format("%-28s %8s %9s %9s%n", "mutation", "inputs", "rejected", "accepted"));
        for (Map.Entry<String, int[]> e : byMutation.entrySet()) {
            int[] c = e.getValue();
            s.append(String.format("%-28s %8d %9d %9d%n", e.getKey(), c[0], c[1], c[2]));
        }
        for (String n : notes) {
            s.append('\n').append(n).append('\n');
        }
        for (String v : violations) {
            s.append("\nBROKE THE RULE: ").append(v).append('\n');
        }
        AtomicFiles.writeString(TARGET.resolve("fuzz-summary-" + name + ".txt"), s.toString());
        if (!violations.isEmpty()) {
            fail(violations.size() + " " + name + " fuzz input(s) broke the rule; the first:\n" + violations.get(0));
        }
    }

    /**
     * Writes {@code bytes} over {@code file} without first truncating it to zero length: on ext4 a rewrite
     * after truncation to zero forces a flush to disk on close (auto_da_alloc), which made fuzzing disk-bound.
     */
    public static Path overwrite(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.truncate(bytes.length);
        }
        return file;
    }

    public int inputs() {
        return inputs;
    }

    public int rejected() {
        return rejected;
    }

    public int accepted() {
        return accepted;
    }

    private void violate(int index, String mutation, List<Input> given, String what) {
        StringBuilder saved = new StringBuilder();
        try {
            Path dir = Files.createDirectories(TARGET.resolve("fuzz-failures"));
            for (Input in : given) {
                Path file = dir.resolve(name + "-" + index + "-" + in.fileName());
                Files.write(file, in.bytes());
                saved.append(saved.length() == 0 ? "" : ", ").append(file);
            }
        } catch (IOException e) {
            saved.append("(could not save: ").append(e.getMessage()).append(')');
        }
        violations.add("input #" + index + " (mutation " + mutation + ", saved as " + saved + "): " + what);
    }

    private static String stackOf(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 12)));
    }
}
