package dev.digitslab.comparison.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.digitslab.comparison.catalogue.StudyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The saved format holds: every results.json in the committed reports folder loads and writes back unchanged. */
class ResultsFileTest {
    private static final Path REPORTS = Path.of("..", "reports");

    @Test
    void committedResultsLoadAndWriteBackTheSameJson() throws IOException {
        List<Path> files;
        try (Stream<Path> children = Files.list(REPORTS)) {
            files = children.map(d -> d.resolve("results.json")).filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no results.json under " + REPORTS.toAbsolutePath());
        for (Path file : files) {
            StudyResults results = ResultsFile.read(file);
            assertEquals(Files.readString(file), ResultsFile.toJson(results), file.toString());
        }
    }

    @Test
    void theKindIsTypedAndSavedAsItsId() throws IOException {
        Map<String, StudyKind> expected = Map.of("multiclass", StudyKind.COMPARISON, "regularisation",
                StudyKind.COMPARISON, "weight-transfer", StudyKind.WEIGHT_TRANSFER, "lockstep", StudyKind.LOCKSTEP);
        for (Map.Entry<String, StudyKind> e : expected.entrySet()) {
            Path file = REPORTS.resolve(e.getKey()).resolve("results.json");
            assertEquals(e.getValue(), ResultsFile.read(file).kind(), file.toString());
            assertEquals(e.getValue().id(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile())
                    .get("kind").asText());
        }
    }
}
