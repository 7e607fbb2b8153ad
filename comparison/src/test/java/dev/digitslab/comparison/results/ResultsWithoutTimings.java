package dev.digitslab.comparison.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A report folder's results as JSON trees without what may differ between two correct runs of the same studies:
 * the wall-clock fields (when the run finished, how long epochs took), the memory the process held while a run
 * trained (which depends on what else ran beside it and on the garbage collector) and, where asked, the environment (which
 * executor ran the tasks, on which machine). Tests compare two runs field by field with it.
 */
public final class ResultsWithoutTimings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsWithoutTimings() {
    }

    /** Every study's results.json under {@code reports}, by study folder name, timings and environment removed. */
    public static Map<String, JsonNode> ofFolder(Path reports) throws IOException {
        Map<String, JsonNode> studies = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(reports)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("results.json"))).toList()) {
                JsonNode tree = of(dir.resolve("results.json"));
                ((ObjectNode) tree).remove("environment");
                studies.put(dir.getFileName().toString(), tree);
            }
        }
        return studies;
    }

    /** One results.json without its timings and memory (its environment kept). */
    public static JsonNode of(Path resultsJson) throws IOException {
        return withoutTimings(JSON.readTree(resultsJson.toFile()));
    }

    private static JsonNode withoutTimings(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("createdAt");
            o.remove("seconds");
            o.remove("secondsPerEpoch");
            o.remove("memory");
        }
        node.forEach(ResultsWithoutTimings::withoutTimings);
        return node;
    }
}
