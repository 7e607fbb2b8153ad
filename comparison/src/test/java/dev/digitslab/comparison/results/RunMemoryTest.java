package dev.digitslab.comparison.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's memory record is optional in results.json (files written before it existed have none) and checked when
 * present. The cases start from the committed results with every memory record taken out.
 */
class RunMemoryTest {
    private static final Path COMMITTED = Path.of("..", "reports", "zero-vs-one", "results.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void resultsWithoutMemoryLoadWithNone() throws IOException {
        StudyResults results = ResultsFile.read(write(withoutMemory()), ResultsFileTest.IMPLEMENTATIONS);
        assertTrue(results.runs().stream().allMatch(r -> r.memory() == null));
    }

    @Test
    void memoryIsWrittenAndReadBack() throws IOException {
        Path file = withMemory("{\"peakHeapBytes\": 104857600, \"peakRssBytes\": 734003200}");
        StudyResults results = ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS);
        assertEquals(new RunMemory(104857600, 734003200), results.runs().get(0).memory());
        assertNull(results.runs().get(1).memory());
        Path again = dir.resolve("again.json");
        ResultsFile.write(results, again);
        assertEquals(results.runs().stream().map(RunResult::memory).toList(),
                ResultsFile.read(again, ResultsFileTest.IMPLEMENTATIONS).runs().stream().map(RunResult::memory).toList());
    }

    @Test
    void anUnknownResidentSizeIsAccepted() throws IOException {
        Path file = withMemory("{\"peakHeapBytes\": 104857600, \"peakRssBytes\": -1}");
        assertEquals(RunMemory.UNKNOWN, ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS).runs().get(0)
                .memory().peakRssBytes());
    }

    @Test
    void impossibleFiguresAreRefusedAtTheirPath() throws IOException {
        Path file = withMemory("{\"peakHeapBytes\": 0, \"peakRssBytes\": -5}");
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS));
        assertEquals(List.of("runs[0].memory.peakHeapBytes: expected a positive number of bytes, found 0",
                "runs[0].memory.peakRssBytes: expected a positive number of bytes or -1 (unknown), found -5"),
                e.problems());
    }

    @Test
    void aMemoryRecordWithoutItsFiguresIsRefused() throws IOException {
        Path file = withMemory("{\"peakHeapBytes\": 104857600}");
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS));
        assertTrue(e.getMessage().contains("runs[0].memory.peakRssBytes: missing"), e.getMessage());
    }

    /** The committed results with the first run's memory set to {@code memory}, the others' taken out. */
    private Path withMemory(String memory) throws IOException {
        ObjectNode results = withoutMemory();
        ((ObjectNode) results.get("runs").get(0)).set("memory", JSON.readTree(memory));
        return write(results);
    }

    /** The committed results as files written before memory was recorded: no run has a memory record. */
    private static ObjectNode withoutMemory() throws IOException {
        ObjectNode results = (ObjectNode) JSON.readTree(COMMITTED.toFile());
        results.get("runs").forEach(run -> ((ObjectNode) run).remove("memory"));
        return results;
    }

    private Path write(ObjectNode results) throws IOException {
        return Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(results));
    }
}
