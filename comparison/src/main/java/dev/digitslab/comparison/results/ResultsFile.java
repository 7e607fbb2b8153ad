package dev.digitslab.comparison.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.digitslab.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes a study's results (its results.json, named by the report's {@code StudyFiles}), the one source
 * every report is drawn from.
 */
public final class ResultsFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private ResultsFile() {
    }

    public static void write(StudyResults results, Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(results));
    }

    public static StudyResults read(Path file) throws IOException {
        try {
            return JSON.readValue(Files.readAllBytes(file), StudyResults.class);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot read results " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
