package dev.digitslab.comparison.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.digitslab.comparison.catalogue.StudyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved format holds: every results.json in the committed reports folder loads and writes back unchanged.
 * The embedded specs are compared as specs, not as text: their written form may improve (as it did when
 * optimisers became one record per kind) without the committed reports having to be regenerated first, which
 * {@code mvn verify} could not do because it runs these tests before it regenerates the reports.
 */
class ResultsFileTest {
    private static final Path REPORTS = Path.of("..", "reports");
    static final Set<String> IMPLEMENTATIONS = Set.of("framework", "scratch");

    @Test
    void committedResultsLoadAndWriteBackTheSameJson(@TempDir Path tmp) throws IOException {
        List<Path> files;
        try (Stream<Path> children = Files.list(REPORTS)) {
            files = children.map(d -> d.resolve("results.json")).filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no results.json under " + REPORTS.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            StudyResults results = ResultsFile.read(file, IMPLEMENTATIONS);
            ObjectNode committed = (ObjectNode) json.readTree(file.toFile());
            ObjectNode written = (ObjectNode) json.readTree(ResultsFile.toJson(results));
            committed.remove("specs");
            written.remove("specs");
            assertEquals(committed, written, file.toString());
            Path rewritten = tmp.resolve(file.getParent().getFileName() + ".json");
            ResultsFile.write(results, rewritten);
            assertEquals(results.specs(), ResultsFile.read(rewritten, IMPLEMENTATIONS).specs(), file.toString());
        }
    }

    @Test
    void theKindIsTypedAndSavedAsItsId() throws IOException {
        Map<String, StudyKind> expected = Map.of("multiclass", StudyKind.COMPARISON, "regularisation",
                StudyKind.COMPARISON, "weight-transfer", StudyKind.WEIGHT_TRANSFER, "lockstep", StudyKind.LOCKSTEP);
        for (Map.Entry<String, StudyKind> e : expected.entrySet()) {
            Path file = REPORTS.resolve(e.getKey()).resolve("results.json");
            assertEquals(e.getValue(), ResultsFile.read(file, IMPLEMENTATIONS).kind(), file.toString());
            assertEquals(e.getValue().id(), new ObjectMapper().readTree(file.toFile())
                    .get("kind").asText());
        }
    }
}
