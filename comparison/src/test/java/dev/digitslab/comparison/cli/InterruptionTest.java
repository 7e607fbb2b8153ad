package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a run: the shutdown hook removes temporary files and staging folders, puts back a study folder
 * that was moved aside, and the reports written before stay byte-identical. (What the cleanup does, case by case,
 * is tested beside it in {@code report.ReportFolderTest}.)
 */
class InterruptionTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void ctrlCDuringTrainingLeavesNoPartialFilesAndThePreviousReportIntact() throws Exception {
        Path out = dir.resolve("reports");
        Path alpha = Files.writeString(dir.resolve("alpha.yaml"), InterruptedRuns.spec("alpha", 4, 1));
        BadInputTest.Result first = BadInputTest.run("run", "--spec", alpha.toString(), "--impl", "scratch",
                "--subset", "500", "--out", out.toString());
        assertEquals(0, first.code(), first.out() + first.err());
        // Leftovers of an earlier crash: this run's hook must remove them too, which shows that it ran.
        Files.writeString(out.resolve(".index.html99.part"), "half");
        Files.createDirectories(out.resolve(".staging-crashed"));
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(out);
        before.keySet().removeIf(name -> name.endsWith(".part") || name.startsWith(".staging-"));

        ChildApplication child = startASlowRunAndWaitForItsFirstEpoch(out);
        InterruptedRuns.ctrlC(child.process());
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the interrupted run did not stop in 30 s");

        int code = child.process().exitValue();
        assertTrue(code == DigitsLab.INTERRUPTED || code == 143, "exit code " + code + "\n" + child.stderr());
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(out));
    }

    @Test
    @Timeout(90)
    void ctrlCDuringARunIntoANewFolderLeavesNoFolderBehind() throws Exception {
        Path out = dir.resolve("fresh").resolve("reports");
        ChildApplication child = startASlowRunAndWaitForItsFirstEpoch(out);
        assertTrue(Files.isDirectory(out.resolve("models")), "the run had created its folders");
        InterruptedRuns.ctrlC(child.process());
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the interrupted run did not stop in 30 s");

        int code = child.process().exitValue();
        assertTrue(code == DigitsLab.INTERRUPTED || code == 143, "exit code " + code + "\n" + child.stderr());
        assertFalse(Files.exists(dir.resolve("fresh")), "the folders the run created are gone");
    }

    /** A scratch run of 200 epochs into {@code out}, still training once its first epoch is reported. */
    private ChildApplication startASlowRunAndWaitForItsFirstEpoch(Path out) throws Exception {
        Path slow = Files.writeString(dir.resolve("slow.yaml"), InterruptedRuns.spec("slow", 256, 200));
        ChildApplication child = ChildApplication.start(null, dir.resolve("logs"), "run", "--spec", slow.toString(),
                "--impl", "scratch", "--subset", "20000", "--out", out.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!child.stdout().contains("epoch 1/") && child.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(child.process().isAlive(), "the run ended before it could be interrupted: " + child.stderr());
        return child;
    }
}
