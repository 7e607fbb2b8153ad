package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.digitslab.comparison.run.StudyRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** --quiet prints the final line only; the default, progress within 80 columns; --verbose, more and debug logs. */
class QuietAndVerboseTest {
    @TempDir
    Path dir;
    private final Logger runnerLog = (Logger) LoggerFactory.getLogger(StudyRunner.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureTheRunnersLog() {
        logged.start();
        runnerLog.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        runnerLog.detachAppender(logged);
    }

    private BadInputTest.Result runTiny(String... options) throws IOException {
        Path spec = Files.writeString(dir.resolve("tiny.yaml"), TinySpec.yaml("tiny"));
        List<String> args = new java.util.ArrayList<>(List.of("run", "--spec", spec.toString(), "--impl", "scratch",
                "--subset", "2000", "--parallel", "1", "--out", dir.resolve("out").toString()));
        args.addAll(List.of(options));
        return BadInputTest.run(args.toArray(String[]::new));
    }

    private String finalLine() {
        return "reports written to " + dir.resolve("out").toAbsolutePath().normalize() + System.lineSeparator();
    }

    @Test
    void quietPrintsOnlyTheFinalLine() throws IOException {
        BadInputTest.Result r = runTiny("--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(finalLine(), r.out());
        assertEquals("", r.err());
        assertTrue(logged.list.isEmpty(), "no log below errors: " + logged.list);
    }

    @Test
    void theDefaultShowsOverallProgressEveryEpochAndTheResultWithin80Columns() throws IOException {
        BadInputTest.Result r = runTiny();
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("run 1 of 1, 0:\\d\\d elapsed: tiny/scratch/seed 1"), r.out());
        assertTrue(lines.get(1).matches("  epoch 1/1: \\d+\\.\\d\\d s, loss \\d\\.\\d{4}, validation accuracy "
                + "0\\.\\d{4}"), r.out());
        assertTrue(lines.get(2).matches("tiny/scratch/seed 1: test accuracy 0\\.\\d{4}, \\d+\\.\\d\\d s/epoch"), r.out());
        assertEquals(finalLine(), lines.get(3) + System.lineSeparator());
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.subList(0, 3).stream().allMatch(l -> l.length() < 80), r.out());
        assertTrue(logged.list.stream().noneMatch(e -> e.getLevel() == Level.DEBUG), "no debug log by default");
    }

    @Test
    void verboseSaysWhereThingsAreTheEnvironmentEveryEpochInDetailAndLogsDebug() throws IOException {
        BadInputTest.Result r = runTiny("--verbose");
        assertEquals(0, r.code(), r.err());
        for (String expected : List.of("data:     MNIST in ", "reports:  " + dir.resolve("out").toAbsolutePath(),
                "models:   " + dir.resolve("out").resolve("models").toAbsolutePath(),
                "runs:     1 training run(s), 1 at a time, ", "environment:", "  java.version: ", "  scratch: ",
                "  epoch 1/1: ", "    train loss ", " samples/s")) {
            assertTrue(r.out().contains(expected), "'" + expected + "' in:\n" + r.out());
        }
        assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == Level.DEBUG
                && e.getFormattedMessage().startsWith("task tiny/scratch/seed 1 done")), logged.list.toString());
        assertEquals(Level.INFO, ((Logger) LoggerFactory.getLogger("dev.digitslab")).getLevel(),
                "the configured level is back after the command");
    }

    @Test
    void quietAndVerboseTogetherAreRefused() {
        BadInputTest.Result r = BadInputTest.run("--quiet", "list", "--verbose");
        assertEquals(DigitsLab.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--quiet and --verbose exclude each other"), r.err());
    }
}
