package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.StudyResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A quick run does not replace a full run's report unless --force; by default reports go to ./digits-lab-reports,
 * never to the repository's tracked reports/ folder.
 */
class FullRunGuardTest {
    @TempDir
    Path dir;
    Path out;

    @BeforeEach
    void copyTheCommittedFullRun() throws IOException {
        out = dir.resolve("reports");
        UnwritableOutputTest.copyTree(Path.of("..", "reports", "zero-vs-one"), out.resolve("zero-vs-one"));
        StudyResults committed = ResultsFile.read(out.resolve("zero-vs-one/results.json"),
                Set.of("framework", "scratch"));
        assertEquals(Set.copyOf(Catalogue.builtIn().study("zero-vs-one").specs()), Set.copyOf(committed.specs()),
                "precondition: the committed reports/zero-vs-one is a full run of the catalogue's spec");
    }

    @Test
    void aQuickRunIsRefusedBeforeAnythingIsTrainedOrWritten() throws IOException {
        Map<String, byte[]> before = UnwritableOutputTest.snapshot(out);
        for (String[] quick : new String[][] {{"--epochs", "1"}, {"--subset", "500"}, {"--seeds", "1"},
                {"--impl", "scratch"}}) {
            String[] args = {"run", "zero-vs-one", quick[0], quick[1], "--out", out.toString()};
            BadInputTest.Result r = BadInputTest.run(args);
            assertEquals(DigitsLab.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("digits-lab: " + out.resolve("zero-vs-one") + " holds a full run of "
                    + "zero-vs-one"), r.err());
            assertTrue(r.err().contains("--out DIR, or add --force"), r.err());
            assertEquals("", r.out(), "nothing was trained");
        }
        UnwritableOutputTest.assertSameFiles(before, UnwritableOutputTest.snapshot(out));
    }

    @Test
    void forceReplacesIt() throws IOException {
        BadInputTest.Result r = BadInputTest.run("run", "zero-vs-one", "--epochs", "1", "--subset", "500", "--seeds",
                "1", "--out", out.toString(), "--quiet", "--force");
        assertEquals(0, r.code(), r.err());
        StudyResults replaced = ResultsFile.read(out.resolve("zero-vs-one/results.json"), Set.of("framework", "scratch"));
        assertEquals(1, replaced.specs().get(0).epochs());
    }

    @Test
    void theDefaultOutputFolderIsNotTheTrackedReportsFolder() {
        CommandLine run = DigitsLab.commandLine().getSubcommands().get("run");
        assertEquals("digits-lab-reports", run.getCommandSpec().findOption("--out").defaultValue());
        CommandLine report = DigitsLab.commandLine().getSubcommands().get("report");
        assertEquals("digits-lab-reports", report.getCommandSpec().findOption("--from").defaultValue());
    }
}
