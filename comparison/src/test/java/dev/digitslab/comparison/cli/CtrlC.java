package dev.digitslab.comparison.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ctrl-C for a child process in tests (shipped in the test jar for the other modules' interruption tests). */
public final class CtrlC {
    private CtrlC() {
    }

    /**
     * SIGINT, as Ctrl-C sends; SIGTERM (which runs the same shutdown hooks) where kill is unavailable or the child
     * ignores SIGINT: a background job of a non-interactive shell (CI, nohup) is started with SIGINT ignored, its
     * children inherit that, and the JVM then leaves it ignored.
     */
    public static void send(Process process) throws IOException, InterruptedException {
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
