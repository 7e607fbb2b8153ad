package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --from X} reads every results file and checks it before it writes anything, and changes X only
 * once the whole new report is ready: a damaged file is refused with one line naming it and the field, and X (and
 * the --out folder) stay byte-identical; a report written elsewhere leaves X byte-identical; and a disk that
 * fills part-way through re-rendering X in place (after one study is complete, during the next) leaves X
 * byte-identical too. X is a copy of two committed studies and the committed pages.
 */
class ReportFromSavedResultsTest {
    private static final Path REPORTS = Path.of("..", "reports");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path from;

    @BeforeEach
    void copyTwoCommittedStudies() throws IOException {
        from = dir.resolve("saved");
        for (String study : new String[] {"zero-vs-one", "lockstep"}) {
            UnwritableOutputTest.copyTree(REPORTS.resolve(study), from.resolve(study));
        }
        Files.copy(REPORTS.resolve("README.md"), from.resolve("README.md"));
        Files.copy(REPORTS.resolve("index.html"), from.resolve("index.html"));
    }

    @Test
    void aDamagedResultsFileIsRefusedAndNothingIsWritten() throws IOException {
        Path damaged = from.resolve("lockstep").resolve("results.json");
        ObjectNode results = (ObjectNode) JSON.readTree(damaged.toFile());
        ((ObjectNode) results.get("runs").get(1)).putNull("history");
        Files.writeString(damaged, JSON.writeValueAsString(results));
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(from);

        BadInputTest.Result r = BadInputTest.run("report", "--from", from.toString());
        assertOneLine(r, "digits-lab: invalid results file " + damaged + ": runs[1].history: expected an array, "
                + "found null");
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(from));

        Path elsewhere = dir.resolve("elsewhere");
        r = BadInputTest.run("report", "--from", from.toString(), "--out", elsewhere.toString());
        assertOneLine(r, "digits-lab: invalid results file " + damaged);
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(from));
        assertFalse(Files.exists(elsewhere), "no folder made for a report that was not written");
    }

    @Test
    void anOutOfRangeAccuracyIsRefusedNotPrintedAs250Percent() throws IOException {
        Path damaged = from.resolve("zero-vs-one").resolve("results.json");
        ObjectNode results = (ObjectNode) JSON.readTree(damaged.toFile());
        ((ObjectNode) results.get("runs").get(3).get("test")).put("accuracy", 2.5);
        Files.writeString(damaged, JSON.writeValueAsString(results));
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(from);

        BadInputTest.Result r = BadInputTest.run("report", "--from", from.toString());
        assertOneLine(r, "digits-lab: invalid results file " + damaged
                + ": runs[3].test.accuracy: expected a number in [0, 1], found 2.5");
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(from));
    }

    @Test
    void aStudyNamedUnlikeItsFolderIsRefused() throws IOException {
        Path moved = from.resolve("zero-vs-two");
        Files.move(from.resolve("zero-vs-one"), moved);
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(from);

        BadInputTest.Result r = BadInputTest.run("report", "--from", from.toString());
        assertOneLine(r, "digits-lab: invalid results file " + moved.resolve("results.json")
                + ": study: expected 'zero-vs-two' (the name of its folder, where its report is written), found "
                + "'zero-vs-one'");
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(from));
    }

    @Test
    void aReportWrittenElsewhereLeavesItsInputByteIdentical() throws IOException {
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(from);
        Path elsewhere = dir.resolve("elsewhere");
        BadInputTest.Result r = BadInputTest.run("report", "--from", from.toString(), "--out", elsewhere.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(from));
        assertTrue(Files.readString(elsewhere.resolve("README.md")).contains("zero-vs-one"));
        assertTrue(Files.exists(elsewhere.resolve("lockstep").resolve("lockstep-distance.svg")));
    }

    @Test
    void aDiskFillingWhileReRenderingInPlaceLeavesTheFolderByteIdentical() throws Exception {
        assumeTrue(ChildApplication.bashAvailable(), "needs /bin/bash for ulimit");
        // A file re-rendering rewrites differently, so a study moved in early would show.
        Files.writeString(from.resolve("zero-vs-one").resolve("history.csv"), "edited by hand\n");
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(from);
        // A file-size limit between the largest file of zero-vs-one (rendered first) and the largest of lockstep:
        // zero-vs-one is staged whole, the report fails in its second study.
        long first = largestFile(from.resolve("zero-vs-one"));
        long second = largestFile(from.resolve("lockstep"));
        assertTrue(second > first + 16 * 1024, "lockstep's largest file (" + second + " bytes) must be well above "
                + "zero-vs-one's (" + first + ") for this test to fail in the second study");
        int limitKiB = (int) ((first + second) / 2 / 1024);
        ChildApplication child = ChildApplication.start(limitKiB, dir.resolve("logs"), "report", "--from", from.toString());
        assertTrue(child.process().waitFor(120, TimeUnit.SECONDS), "the child report did not finish in 120 s");
        String err = child.stderr();
        assertEquals(DigitsLab.BAD_INPUT, child.process().exitValue(), child.stdout() + err);
        assertTrue(err.contains("digits-lab: cannot write reports to " + from + ": File too large"), err);
        assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(from));
    }

    private static void assertOneLine(BadInputTest.Result r, String expected) {
        assertEquals(DigitsLab.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(2, r.err().lines().count(), "the error and the hint about --verbose: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    private static long largestFile(Path study) throws IOException {
        try (var files = Files.list(study)) {
            return files.mapToLong(f -> f.toFile().length()).max().orElseThrow();
        }
    }
}
