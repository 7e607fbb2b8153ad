package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `digits-lab compare` on the committed reports, and its bad input. */
class CompareCommandTest {
    private static final Path REPORTS = Path.of("..", "reports");

    @Test
    void aReportFolderComparedWithItselfChangesNothing() {
        BadInputTest.Result r = BadInputTest.run("compare", REPORTS.toString(), REPORTS.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("multiclass"), r.out());
        assertTrue(r.out().contains("weight-transfer/multiclass"), r.out());
        assertTrue(r.out().contains("+0.00"), r.out());
        assertTrue(!r.out().contains("differs"), "nothing differs: " + r.out());
    }

    @Test
    void oneResultsFileAgainstAnotherStudyListsBothSidesAsUnshared() {
        BadInputTest.Result r = BadInputTest.run("compare", REPORTS.resolve("multiclass/results.json").toString(),
                REPORTS.resolve("zero-vs-one/results.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Nothing ran in both."), r.out());
        assertTrue(r.out().contains("Only in A:\n  multiclass/multiclass/framework"), r.out());
    }

    @Test
    void aMissingFolderIsOneClearLine(@TempDir Path dir) {
        BadInputTest.Result r = BadInputTest.run("compare", dir.resolve("nope").toString(), REPORTS.toString());
        assertEquals(DigitsLab.BAD_INPUT, r.code());
        assertTrue(r.err().contains("nope: no such report folder or results file"), r.err());
    }

    @Test
    void aDamagedResultsFileIsNamed(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("results.json"), "{\"study\": 3}");
        BadInputTest.Result r = BadInputTest.run("compare", bad.toString(), REPORTS.toString());
        assertEquals(DigitsLab.BAD_INPUT, r.code());
        assertTrue(r.err().contains(bad.toString()), r.err());
    }
}
