package dev.digitslab.comparison.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results.json damaged by hand or on disk is rejected with one line naming the file and the field by its JSON
 * path, what was expected and what was found — never Java's own messages. The first cases are the inputs from the
 * issue (a null history, a short confusion row, pixels that are not base64, an accuracy of 2.5); the fuzz test
 * beside this one covers their neighbours. Each starts from the committed zero-vs-one results (6 runs, 2 classes).
 */
class DamagedResultsTest {
    private static final Path SAVED = Path.of("..", "reports", "zero-vs-one", "results.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;

    @Test
    void aNullHistoryIsNamedInsteadOfANullPointer() throws IOException {
        assertRejected(r -> run(r, 0).putNull("history"), "runs[0].history: expected an array, found null");
    }

    @Test
    void aShortConfusionRowIsNamedInsteadOfAnIndexOutOfBounds() throws IOException {
        assertRejected(r -> ((ArrayNode) run(r, 0).get("test").get("confusion")).set(1, JSON.createArrayNode().add(5)),
                "runs[0].test.confusion[1]: expected 2 counts (one per class), found 1");
    }

    @Test
    void pixelsThatAreNotBase64AreNamedInsteadOfAnIllegalCharacter() throws IOException {
        assertRejected(r -> ((ObjectNode) run(r, 0).get("misclassified").get(0)).put("pixels", "AAAA!AAA"),
                "runs[0].misclassified[0].pixels: expected base64 grey levels, found a character base64 does not "
                        + "use at position 4 ('!')");
        assertRejected(r -> ((ObjectNode) run(r, 0).get("misclassified").get(0)).put("pixels", "AAAA"),
                "runs[0].misclassified[0].pixels: expected 784 grey levels (28×28), found 3");
    }

    @Test
    void anAccuracyOf2Point5IsOutOfRangeNotPrintedAs250Percent() throws IOException {
        String message = assertRejected(r -> ((ObjectNode) run(r, 3).get("test")).put("accuracy", 2.5),
                "runs[3].test.accuracy: expected a number in [0, 1], found 2.5");
        assertFalse(message.contains("more problem"), "the range problem alone: " + message);
    }

    @Test
    void missingNullAndMistypedFieldsAreNamed() throws IOException {
        assertRejected(r -> ((ObjectNode) run(r, 2).get("test")).remove("count"),
                "runs[2].test.count: missing (expected an integer)");
        assertRejected(r -> r.putNull("environment"), "environment: expected an object, found null");
        assertRejected(r -> run(r, 1).put("seed", "forty-two"), "runs[1].seed: expected an integer from "
                + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", found \"forty-two\"");
        assertRejected(r -> r.put("runs", "none"), "runs: expected an array, found \"none\"");
        assertRejected(r -> ((ArrayNode) r.get("runs")).set(4, JsonNodeFactory.instance.numberNode(7)),
                "runs[4]: expected a JSON object, found 7");
    }

    @Test
    void numbersMustBeFiniteAndInRange() throws IOException {
        assertRejected(r -> ((ObjectNode) run(r, 1).get("history").get(0)).put("validationLoss", "NaN"),
                "runs[1].history[0].validationLoss: expected a finite number >= 0, found NaN");
        assertRejected(r -> ((ObjectNode) run(r, 1).get("history").get(0)).put("seconds", -1.0),
                "runs[1].history[0].seconds: expected a finite number >= 0, found -1.0");
        assertRejected(r -> ((ObjectNode) r.get("pairs").get(0)).put("mcNemarP", 1.5),
                "pairs[0].mcNemarP: expected a number in [0, 1], found 1.5");
        assertRejected(r -> ((ObjectNode) r.get("pairs").get(0)).put("scratchOnlyRight", -3),
                "pairs[0].scratchOnlyRight: expected a count >= 0, found -3");
        assertRejected(r -> r.put("accuracyBar", 97.7), "accuracyBar: expected a number in [0, 1], found 97.7");
    }

    @Test
    void namesMustPointAtWhatTheStudyHas() throws IOException {
        assertRejected(r -> run(r, 0).put("implementation", "pytorch"),
                "runs[0].implementation: expected an implementation on the class path (framework, scratch), "
                        + "found 'pytorch'");
        assertRejected(r -> run(r, 0).put("spec", "zero-vs-two"),
                "runs[0].spec: expected one of the study's specs (zero-vs-one), found 'zero-vs-two'");
        assertRejected(r -> run(r, 0).put("seed", 7), "runs[0].seed: expected one of the spec's seeds [42, 43, 44], "
                + "found 7");
        assertRejected(r -> ((ArrayNode) r.get("runs")).add(run(r, 0).deepCopy()), "runs[6]: expected one run of "
                + "zero-vs-one by framework with seed 42, found a second (the first is runs[0])");
        assertRejected(r -> r.put("kind", "ensemble"), "kind: unknown study kind 'ensemble' (expected one of: "
                + "comparison, weight-transfer, lockstep)");
        assertRejected(r -> r.put("study", "../elsewhere"), "study: expected lower-case letters, digits and dashes, "
                + "found '../elsewhere'");
    }

    @Test
    void thePartsMustAgree() throws IOException {
        assertRejected(r -> {
            ArrayNode row = (ArrayNode) run(r, 0).get("test").get("confusion").get(0);
            row.set(0, JsonNodeFactory.instance.numberNode(row.get(0).longValue() + 1));
        }, "runs[0].test.confusion: expected counts summing to the test count 2115, found 2116");
        assertRejected(r -> ((ObjectNode) run(r, 0).get("history").get(1)).put("epoch", 5),
                "runs[0].history[1].epoch: expected 2 (epochs are numbered from 1, in order), found 5");
        assertRejected(r -> ((ArrayNode) run(r, 0).get("history")).remove(9),
                "runs[0].history: expected 10 epochs (the spec's) for a successful run, found 9");
        assertRejected(r -> ((ObjectNode) run(r, 0).get("misclassified").get(0)).put("index", 2115),
                "runs[0].misclassified[0].index: expected a test image 0-2114, found 2115");
        assertRejected(r -> ((ObjectNode) r.get("pairs").get(0)).put("agreement", 1.0).put("scratchOnlyRight", 40),
                "pairs[0].agreement: expected at most");
        assertRejected(r -> r.set("lockstep", JSON.createArrayNode().add(JSON.createObjectNode())),
                "lockstep[0].epoch: missing (expected an integer)");
    }

    @Test
    void anEmbeddedSpecIsCheckedAsASpec() throws IOException {
        assertRejected(r -> ((ObjectNode) r.get("specs").get(0).get("optimizer")).put("learningRate", -1),
                "specs[0].optimizer.learningRate: expected a finite number > 0, found -1.0");
        assertRejected(r -> ((ObjectNode) r.get("specs").get(0)).put("batchSize", "big"), "specs[0].batchSize:");
    }

    @Test
    void aSweepAndOverridesMustNameWhatTheStudyHas() throws IOException {
        assertRejected(r -> r.set("sweep", JSON.createArrayNode().add("optimizer.lr")),
                "sweep[0]: expected a field every spec has, found none in spec 'zero-vs-one'");
        assertRejected(r -> r.set("sweep", JSON.createArrayNode().add("optimizer..lr")),
                "sweep[0]: 'optimizer..lr': expected a spec field path");
        assertRejected(r -> r.set("sweep", JSON.createArrayNode().add(3)), "sweep[0]: expected a string, found 3");
        assertRejected(r -> r.set("overrides", JSON.createObjectNode().set("zero-vs-two",
                JSON.createObjectNode().put("epochs", "2"))), "overrides.zero-vs-two: expected the name of a spec of "
                + "the study, found 'zero-vs-two'");
        assertRejected(r -> r.set("overrides", JSON.createObjectNode().set("zero-vs-one",
                JSON.createObjectNode().put("epochs", 2))), "overrides.zero-vs-one.epochs: expected a string, found 2");
    }

    @Test
    void sweepAndOverridesAreReadBack() throws IOException {
        ObjectNode tree = (ObjectNode) JSON.readTree(SAVED.toFile());
        tree.set("sweep", JSON.createArrayNode().add("optimizer.learningRate"));
        tree.set("overrides", JSON.createObjectNode().set("zero-vs-one", JSON.createObjectNode().put("epochs", "2")));
        Path file = Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(tree));
        StudyResults read = ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS);
        assertEquals(java.util.List.of("optimizer.learningRate"), read.sweep());
        assertEquals(java.util.Map.of("epochs", "2"), read.overridesOf("zero-vs-one"));
    }

    @Test
    void brokenJsonSaysWhereItBreaks() throws IOException {
        String text = Files.readString(SAVED);
        assertRejectedText(text.substring(0, text.length() / 2), "Unexpected end-of-input");
        int at = text.indexOf("\"accuracy\"");
        String line = text.substring(at, text.indexOf('\n', at) + 1);
        String duplicated = assertRejectedText(text.substring(0, at) + line + text.substring(at),
                "expected each key once, found 'accuracy' twice");
        assertTrue(duplicated.contains("runs[0].test") && duplicated.contains("(line "
                + (text.substring(0, at).split("\n", -1).length + 1) + ", column"), duplicated);
        assertRejectedText("", "expected a JSON object, found an empty file");
        assertRejectedText("[1, 2]", "expected a JSON object, found an array");
        assertRejectedText(text + "}", "expected the end of the file after the results, found more");
        Path file = dir.resolve("results.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertOneLineNamingTheFile(assertThrows(ResultsFormatException.class,
                () -> ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS)), file);
    }

    @Test
    void everyProblemIsFoundAndTheLineSaysHowManyMore() throws IOException {
        assertRejected(r -> {
            run(r, 0).putNull("history");
            ((ObjectNode) run(r, 2).get("test")).remove("count");
        }, "runs[0].history: expected an array, found null (and 1 more problem)");
        // Values are judged once every field is there and of its type.
        assertRejected(r -> {
            run(r, 1).put("implementation", "pytorch");
            ((ObjectNode) run(r, 3).get("test")).put("accuracy", 2.5);
            ((ObjectNode) run(r, 4).get("test")).put("loss", -1);
        }, "runs[1].implementation: expected an implementation on the class path (framework, scratch), found "
                + "'pytorch' (and 2 more problems)");
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> ResultsFile.read(dir.resolve("results.json"), ResultsFileTest.IMPLEMENTATIONS));
        assertEquals(3, e.problems().size(), e.problems().toString());
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() throws IOException {
        Path file = dir.resolve("results.json");
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            huge.setLength(ResultsFile.MAX_BYTES + 1); // sparse: no disk is spent
        }
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS));
        assertEquals("invalid results file " + file + ": expected at most 64 MiB, found a larger file", e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere").resolve("results.json");
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS));
        assertEquals("invalid results file " + file + ": file not found", e.getMessage());
    }

    private static ObjectNode run(ObjectNode results, int i) {
        return (ObjectNode) results.get("runs").get(i);
    }

    /** Damages the saved results, reads them, and checks the one-line rejection contains {@code expected}. */
    private String assertRejected(Consumer<ObjectNode> damage, String expected) throws IOException {
        ObjectNode results = (ObjectNode) JSON.readTree(SAVED.toFile());
        damage.accept(results);
        return assertRejectedText(JSON.writeValueAsString(results), expected);
    }

    private String assertRejectedText(String text, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("results.json"), text, StandardCharsets.UTF_8);
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS));
        assertOneLineNamingTheFile(e, file);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertOneLineNamingTheFile(ResultsFormatException e, Path file) {
        assertTrue(e.getMessage().startsWith("invalid results file " + file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (String internal : new String[] {"Exception", "Cannot invoke", "out of bounds", "Illegal base64"}) {
            assertFalse(e.getMessage().contains(internal), "Java's words for the problem: " + e.getMessage());
        }
    }

    /** Keeps the helper honest: the undamaged file reads. */
    @Test
    void theUndamagedFileReads() throws IOException {
        JsonNode tree = JSON.readTree(SAVED.toFile());
        Path file = Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(tree));
        assertEquals("zero-vs-one", ResultsFile.read(file, ResultsFileTest.IMPLEMENTATIONS).study());
    }
}
