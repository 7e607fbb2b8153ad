package dev.digitslab.comparison.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds, for each peer, a Python interpreter that can import the peer's module: the one the user names, or else
 * {@code python3} on the PATH and then {@code /usr/bin/python3} (a pyenv or virtualenv Python often lacks the
 * system's packages). The first candidate that imports the module wins; when none does, the result says what was
 * tried and why each failed.
 */
public final class PythonDiscovery {
    /** Importing torch takes seconds on a cold cache; a hung interpreter must not hang the benchmark. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(120);
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private final List<Path> candidates;

    private PythonDiscovery(List<Path> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** Only the interpreter the user named ({@code --python}). */
    public static PythonDiscovery only(Path python) {
        return new PythonDiscovery(List.of(python));
    }

    /** {@code python3} on this PATH, then /usr/bin/python3 (each once, where it exists). */
    public static PythonDiscovery fromPath(String path) {
        Set<Path> found = new LinkedHashSet<>();
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path python = dir.isEmpty() ? null : Path.of(dir, "python3");
                if (python != null && Files.isExecutable(python)) {
                    found.add(python);
                    break;
                }
            }
        }
        if (Files.isExecutable(SYSTEM_PYTHON)) {
            found.add(SYSTEM_PYTHON);
        }
        return new PythonDiscovery(new ArrayList<>(found));
    }

    public List<Path> candidates() {
        return candidates;
    }

    /**
     * The interpreter for {@code peer}, or why there is none.
     *
     * @param python  the first candidate that imports the module (empty when none does)
     * @param version the module's {@code __version__} in it
     * @param skipped why there is none: each candidate tried and its last line of error
     */
    public record Found(Optional<Path> python, String version, String skipped) {
    }

    public Found find(Peer peer) {
        List<String> failures = new ArrayList<>();
        for (Path python : candidates) {
            Probe probe = probe(python, peer.module());
            if (probe.ok()) {
                return new Found(Optional.of(python), probe.output(), null);
            }
            failures.add(python + ": " + probe.output());
        }
        String why = candidates.isEmpty() ? "no python3 found (on the PATH or /usr/bin/python3; --python to name one)"
                : String.join("; ", failures);
        return new Found(Optional.empty(), null, peer.label() + " skipped: no Python that imports "
                + peer.module() + " (" + why + ")");
    }

    private record Probe(boolean ok, String output) {
    }

    private static Probe probe(Path python, String module) {
        List<String> command = List.of(python.toString(), "-c",
                "import " + module + "; print(getattr(" + module + ", '__version__', 'unknown version'))");
        try {
            Path log = Files.createTempFile("python-probe", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Probe(false, "no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
                }
                String last = lastLine(Files.readString(log, StandardCharsets.UTF_8));
                return new Probe(process.exitValue() == 0, last);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Probe(false, "cannot run it (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(false, "interrupted");
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
