package dev.digitslab.comparison.cli;

import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.testing.ReferenceSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the interruption tests share (shipped in the test jar for the other modules' ones): a spec whose run is as
 * slow as they need, and Ctrl-C for a child process.
 */
public final class InterruptedRuns {
    private InterruptedRuns() {
    }

    /** A spec file's text: 784-units(ReLU)-10, Adam, batch 32, seed 1; more units and epochs make a slower run. */
    public static String spec(String name, int units, int epochs) {
        return SpecLoader.toYaml(ReferenceSpecs.oneHiddenLayer(name, units, epochs));
    }

    /**
     * SIGINT, as Ctrl-C sends; SIGTERM (which runs the same shutdown hooks) where kill is unavailable or the child
     * ignores SIGINT: a background job of a non-interactive shell (CI, nohup) is started with SIGINT ignored, its
     * children inherit that, and the JVM then leaves it ignored.
     */
    public static void ctrlC(Process process) throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/bin/kill")) && !ignoresSigint(process.pid())) {
            new ProcessBuilder("/bin/kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        } else {
            process.destroy();
        }
    }

    /** Whether the process ignores SIGINT (signal 2: bit 1 of the SigIgn mask in /proc/PID/status), where Linux says. */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0)
                .orElse(false);
    }
}
