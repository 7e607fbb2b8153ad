package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that cannot be written: a folder path blocked by a file is refused before any training with one line
 * naming the folder and the reason; a disk that fills during a run (simulated with an operating-system limit on
 * file size in a child JVM: writes fail with "File too large" part-way, as with "No space left on device")
 * stops the run with the same kind of line and leaves the previous reports byte-identical.
 */
class UnwritableOutputTest {
    @TempDir
    static Path dir;
    static Path first;
    static Path beta;
    static Path blocker;

    @BeforeAll
    static void writeAFirstReport() throws IOException {
        Path alpha = Files.writeString(dir.resolve("alpha.yaml"), TinySpec.yaml("alpha"));
        beta = Files.writeString(dir.resolve("beta.yaml"), TinySpec.yaml("beta"));
        blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        first = dir.resolve("first");
        BadInputTest.Result r = BadInputTest.run("run", "--spec", alpha.toString(), "--impl", "scratch", "--subset",
                "500", "--out", first.toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void aReportFolderBlockedByAFileIsRefusedBeforeTraining() {
        Path out = blocker.resolve("reports");
        BadInputTest.Result r = BadInputTest.run("run", "--spec", beta.toString(), "--impl", "scratch", "--subset",
                "500", "--out", out.toString());
        assertClearLine(r, "cannot write reports to " + out + ": Not a directory");
        assertEquals("", r.out(), "nothing was trained");

        r = BadInputTest.run("run", "--spec", beta.toString(), "--out", blocker.toString());
        assertClearLine(r, "cannot write reports to " + blocker + ": " + blocker + " exists and is not a folder");
    }

    @Test
    void aModelFolderBlockedByAFileIsRefusedBeforeTraining() {
        Path models = blocker.resolve("models");
        BadInputTest.Result r = BadInputTest.run("run", "--spec", beta.toString(), "--impl", "scratch", "--subset",
                "500", "--out", dir.resolve("unused").toString(), "--models", models.toString());
        assertClearLine(r, "cannot write models to " + models + ": Not a directory");
        assertEquals("", r.out(), "nothing was trained");
    }

    @Test
    void reportIntoAFolderBlockedByAFileIsRefused() throws IOException {
        Map<String, byte[]> before = snapshot(first);
        Path out = blocker.resolve("copy");
        BadInputTest.Result r = BadInputTest.run("report", "--from", first.toString(), "--out", out.toString());
        assertClearLine(r, "cannot write reports to " + out + ": Not a directory");
        assertSameFiles(before, snapshot(first));
    }

    @Test
    void aDiskFillingDuringARunLeavesThePreviousReportsByteIdentical() throws Exception {
        assumeTrue(ChildApplication.bashAvailable(), "needs /bin/bash for ulimit");
        Path out = dir.resolve("filling");
        copyTree(first, out);
        Map<String, byte[]> before = snapshot(out);
        // 24 KiB: the scratch model (13 KiB) fits, the new study's results.json (about 40 KiB) does not.
        ChildApplication child = ChildApplication.start(24, dir.resolve("filling-logs"), "run", "--spec",
                beta.toString(), "--impl", "scratch", "--subset", "500", "--out", out.toString(), "--models",
                dir.resolve("filling-models").toString());
        assertTrue(child.process().waitFor(120, TimeUnit.SECONDS), "the child run did not finish in 120 s");
        String err = child.stderr();
        assertEquals(DigitsLab.BAD_INPUT, child.process().exitValue(), child.stdout() + err);
        assertTrue(err.contains("digits-lab: cannot write reports to " + out + ": File too large"), err);
        assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
        assertSameFiles(before, snapshot(out));
    }

    private static void assertClearLine(BadInputTest.Result r, String expected) {
        assertEquals(DigitsLab.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("digits-lab: " + expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    /** Every file under {@code root} (relative path → content), temporary files included. */
    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isDirectory).forEach(d -> files.putIfAbsent(root.relativize(d) + "/", new byte[0]));
        }
        return files;
    }

    static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "the same files and folders");
        for (String name : before.keySet()) {
            assertTrue(Arrays.equals(before.get(name), after.get(name)), name + " changed");
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
