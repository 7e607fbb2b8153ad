package dev.digitslab.comparison.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.digitslab.api.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes a study's results (its results.json, named by the report's {@code StudyFiles}), the one source
 * every report is drawn from. What is read is checked as specs are: every field present and of its type
 * ({@link ResultsReader}), every value in range and consistent with the others ({@link ResultsValidator}), or a
 * {@link ResultsFormatException} names the file and the field; results a run is about to write are checked the
 * same way ({@link #check}).
 */
public final class ResultsFile {
    /**
     * The largest results file read: about a hundred times a full catalogue study's, so memory stays bounded
     * whatever a file claims.
     */
    static final long MAX_BYTES = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    /** Jackson's message for a key given twice, to be put in the project's words. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    /** Where Jackson's messages name the input: "[Source: …; line: 5]". */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; (line: \\d+)[^\\]]*]");
    /** A key given twice would otherwise silently keep the last value. */
    private static final ObjectMapper TREE = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ResultsFile() {
    }

    public static void write(StudyResults results, Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(results));
    }

    /**
     * Reads and checks a results file.
     *
     * @param implementations the implementation ids its runs may name (those on the class path)
     * @throws ResultsFormatException if the file cannot be read or its results cannot be reported as they are
     */
    public static StudyResults read(Path file, Set<String> implementations) {
        String source = file.toString();
        JsonNode tree = tree(bytes(file), source);
        Problems problems = new Problems();
        StudyResults results = new ResultsReader(problems).study(JsonFields.of(tree, "", problems));
        problems.throwIfAny(source);
        new ResultsValidator(implementations, problems).validate(results);
        problems.throwIfAny(source);
        return results;
    }

    /**
     * Checks results before they are written, as {@link #read} checks them after.
     *
     * @param source the file they are going to, for the message
     * @throws ResultsFormatException if they cannot be reported as they are
     */
    public static void check(StudyResults results, Set<String> implementations, String source) {
        Problems problems = new Problems();
        new ResultsValidator(implementations, problems).validate(results);
        problems.throwIfAny(source);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ResultsFormatException(file.toString(), "expected at most " + (MAX_BYTES >> 20)
                        + " MiB, found a larger file", null);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ResultsFormatException(file.toString(), "file not found", e);
        } catch (AccessDeniedException e) {
            throw new ResultsFormatException(file.toString(), "cannot read the file: permission denied", e);
        } catch (IOException e) {
            throw new ResultsFormatException(file.toString(), "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** The file's JSON as a tree; syntax errors, keys given twice and bytes that are not UTF-8 name their place. */
    private static JsonNode tree(byte[] bytes, String source) {
        try (JsonParser parser = TREE.createParser(bytes)) {
            JsonNode tree = TREE.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new ResultsFormatException(source, "expected a JSON object, found an empty file", null);
            }
            if (!atEnd(parser)) {
                throw new ResultsFormatException(source, where(parser.currentLocation())
                        + "expected the end of the file after the results, found more", null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            String what = duplicate.lookingAt() ? "expected each key once, found '" + duplicate.group(1) + "' twice"
                    : firstLine(e.getOriginalMessage());
            throw new ResultsFormatException(source, where(e) + what, e);
        } catch (IOException e) {
            // Not JSON's syntax but its encoding: bytes that are not UTF-8.
            throw new ResultsFormatException(source, "not UTF-8 text: " + firstLine(e.getMessage()), e);
        }
    }

    /** Whether nothing but white space follows the results (anything else, even a stray bracket, is damage). */
    private static boolean atEnd(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : String.format(Locale.ROOT, "line %d, column %d: ", location.getLineNr(),
                location.getColumnNr());
    }

    /** "runs[3].test (line 40, column 7): " from where the parser stopped. */
    private static String where(JsonProcessingException e) {
        List<String> path = new ArrayList<>();
        if (e instanceof JsonParseException p && p.getProcessor() != null) {
            JsonStreamContext c = p.getProcessor().getParsingContext();
            for (; c != null && !c.inRoot(); c = c.getParent()) {
                path.add(c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
                        : c.getCurrentName() == null ? "" : "." + c.getCurrentName());
            }
        }
        Collections.reverse(path);
        String field = String.join("", path).replaceFirst("^\\.", "");
        String line = e.getLocation() == null ? ""
                : String.format(Locale.ROOT, "line %d, column %d", e.getLocation().getLineNr(),
                e.getLocation().getColumnNr());
        if (field.isEmpty()) {
            return line.isEmpty() ? "" : line + ": ";
        }
        return field + (line.isEmpty() ? "" : " (" + line + ")") + ": ";
    }

    /** The message's first line, with Jackson's "[Source: …; line: 5]" shortened to "line: 5". */
    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "not valid JSON";
        }
        return SOURCE.matcher(message.split("\n", 2)[0].strip()).replaceAll("$1");
    }
}
