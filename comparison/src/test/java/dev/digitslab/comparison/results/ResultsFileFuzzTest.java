package dev.digitslab.comparison.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.digitslab.api.testing.ByteMutator;
import dev.digitslab.api.testing.FuzzTally;
import dev.digitslab.comparison.report.ReportFolder;
import dev.digitslab.comparison.run.Implementations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds seeded mutations of the committed reports' results.json files (every study kind; the regularisation
 * study with two of its five variants, see {@link #lighter}) to
 * {@link ResultsFile#read}: JSON-aware ones (a field deleted or nulled, a number set out of range, non-finite,
 * huge or negative, a value of another type, an array truncated or an element duplicated, a string swapped for
 * another of the file's names, pixels that are not base64 or of another length, a key given twice) and blind
 * byte mutations. Each input must be read and then render a whole report (every chart, grid and page, through
 * {@link ReportFolder#writeAll}) without an exception, or be rejected with a {@link ResultsFormatException} whose
 * one line names the file — never another exception, an error or a hang.
 */
class ResultsFileFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(ResultsFileFuzzTest.class);
    private static final long SEED = 20_241_115L;
    static final int INPUTS = 1000;
    private static final int BATCH = 50;
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(120);
    private static final Path REPORTS = Path.of("..", "reports");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*\"[^\"]+\" : .*$");
    /** Numbers a damaged file might hold: out of every range, non-finite, huge, negative, or plausible. */
    private static final Object[] NUMBERS = {-1, -0.5, 0, 1, 2, 2.5, 1.5, 100, 1e-320, 1e308, -1e308, 1e300,
            2_147_483_648L, -2_147_483_649L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE,
            new BigInteger("99999999999999999999"), "NaN", "Infinity", "-Infinity", 0.5, 0.999, 10, 42, 43, 784};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SPECS_KEPT = 2;

    @TempDir
    static Path dir;
    static List<Seed> seeds;
    static Set<String> implementations;
    static ReportFolder out;
    static long readNanos;
    static long renderNanos;

    private record Seed(String study, byte[] bytes, JsonNode tree, List<String> strings) {
    }

    /** A value in the tree and where it sits: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index, JsonNode value) {
        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    @BeforeAll
    static void readTheCommittedResults() throws IOException {
        seeds = new ArrayList<>();
        try (Stream<Path> children = Files.list(REPORTS)) {
            for (Path file : children.map(d -> d.resolve("results.json")).filter(Files::isRegularFile).sorted()
                    .toList()) {
                JsonNode tree = lighter(JSON.readTree(file.toFile()));
                byte[] bytes = PRETTY.writeValueAsBytes(tree);
                List<String> strings = new ArrayList<>();
                slots(tree, new ArrayList<>()).stream().map(Slot::value).filter(JsonNode::isTextual)
                        .map(JsonNode::textValue).filter(t -> t.length() < 40).distinct().forEach(strings::add);
                seeds.add(new Seed(file.getParent().getFileName().toString(), bytes, tree, strings));
            }
        }
        assertTrue(seeds.size() >= 4, "committed results: " + seeds.size());
        Implementations discovered = Implementations.discover();
        implementations = Set.of(discovered.reference().id(), discovered.candidate().id());
        out = new ReportFolder(dir.resolve("out"), discovered);
    }

    /**
     * The study with its first {@value #SPECS_KEPT} specs only (and their runs and pairs): rendering the
     * five-variant regularisation study takes about four times as long as any other, and two variants already give
     * its section, its gap chart and every kind of value it holds.
     */
    private static JsonNode lighter(JsonNode study) {
        ArrayNode specs = (ArrayNode) study.get("specs");
        while (specs.size() > SPECS_KEPT) {
            specs.remove(specs.size() - 1);
        }
        Set<String> kept = new java.util.HashSet<>();
        specs.forEach(spec -> kept.add(spec.get("name").textValue()));
        for (String part : List.of("runs", "pairs")) {
            ArrayNode items = (ArrayNode) study.get(part);
            for (int i = items.size() - 1; i >= 0; i--) {
                if (!kept.contains(items.get(i).get("spec").textValue())) {
                    items.remove(i);
                }
            }
        }
        return study;
    }

    @Test
    void theUnmutatedFilesReadAndRender() throws IOException {
        for (Seed seed : seeds) {
            Path file = write(seed.study(), seed.bytes());
            out.writeAll(List.of(ResultsFile.read(file, implementations)));
        }
    }

    @Test
    void mutatedResultsRenderOrAreRejectedWithResultsFormatException() throws IOException {
        FuzzTally<ResultsFormatException> tally = new FuzzTally<>("results", SEED, ResultsFormatException.class,
                ResultsFileFuzzTest::unclear);
        SplittableRandom r = new SplittableRandom(SEED);
        long started = System.nanoTime();
        for (int start = 0; start < INPUTS; start += BATCH) {
            tally.inBatch(BATCH_LIMIT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    Seed seed = seeds.get(r.nextInt(seeds.size()));
                    ByteMutator.Mutated m = mutate(seed, r);
                    attempt(tally, seed, m);
                }
            });
        }
        double mutating = (System.nanoTime() - started - readNanos - renderNanos) / 1e6 / INPUTS;
        tally.note(String.format(java.util.Locale.ROOT, "mutating: %.1f ms per input; reading: %.1f ms per input; "
                + "rendering: %.0f ms per accepted input", mutating, readNanos / 1e6 / INPUTS,
                renderNanos / 1e6 / Math.max(1, tally.accepted())));
        tally.finish(log);
        assertEquals(INPUTS, tally.inputs());
        assertTrue(tally.accepted() > 0 && tally.rejected() > 0, "accepted " + tally.accepted());
    }

    private static void attempt(FuzzTally<ResultsFormatException> tally, Seed seed, ByteMutator.Mutated m) {
        Path file = write(seed.study(), m.bytes());
        List<FuzzTally.Input> given = List.of(new FuzzTally.Input("results.json", m.bytes()));
        tally.attempt(m.mutation(), given, () -> {
            long start = System.nanoTime();
            StudyResults results;
            try {
                results = ResultsFile.read(file, implementations);
            } finally {
                readNanos += System.nanoTime() - start;
            }
            start = System.nanoTime();
            try {
                out.writeAll(List.of(results));
            } catch (ResultsFormatException e) {
                throw new AssertionError("read accepted results that writeAll rejects: " + e.getMessage(), e);
            } finally {
                renderNanos += System.nanoTime() - start;
            }
        });
    }

    /** One line that names the file and says what is wrong in the project's words, not Java's. */
    private static String unclear(ResultsFormatException e, List<FuzzTally.Input> given) {
        String m = e.getMessage();
        if (!m.startsWith("invalid results file " + e.source() + ": ") || !e.source().endsWith("results.json")) {
            return "does not name the file";
        }
        if (m.contains("\n")) {
            return "more than one line";
        }
        for (String internal : List.of("Exception", "Cannot invoke", "out of bounds", "Illegal base64", "com.fasterxml",
                "[Source")) {
            if (m.contains(internal)) {
                return "Java's words stand for the problem: " + internal;
            }
        }
        return null;
    }

    private static Path write(String study, byte[] bytes) {
        try {
            Path folder = Files.createDirectories(dir.resolve("in").resolve(study));
            return FuzzTally.overwrite(folder.resolve("results.json"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- mutations ----

    private static ByteMutator.Mutated mutate(Seed seed, SplittableRandom r) {
        if (r.nextInt(4) == 0) {
            ByteMutator.Mutated m = ByteMutator.mutate(seed.bytes(), r);
            return new ByteMutator.Mutated("bytes/" + m.mutation(), m.bytes());
        }
        JsonNode tree = seed.tree().deepCopy();
        List<Slot> slots = slots(tree, new ArrayList<>());
        String name;
        switch (r.nextInt(10)) {
            case 0 -> {
                pick(slots, r, s -> true).remove();
                name = "delete";
            }
            case 1 -> {
                pick(slots, r, s -> true).set(NODES.nullNode());
                name = "null";
            }
            case 2, 3 -> {
                pick(slots, r, s -> s.value().isNumber()).set(number(r));
                name = "number";
            }
            case 4 -> {
                JsonNode[] others = {NODES.textNode("text"), NODES.textNode(""), NODES.booleanNode(true),
                        NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add(1).add(2),
                        NODES.objectNode().put("a", 1), NODES.numberNode(1)};
                pick(slots, r, s -> true).set(others[r.nextInt(others.length)]);
                name = "type";
            }
            case 5 -> {
                ArrayNode array = (ArrayNode) pick(slots, r, s -> s.value().isArray() && !s.value().isEmpty()).value();
                int keep = r.nextInt(array.size());
                while (array.size() > keep) {
                    array.remove(array.size() - 1);
                }
                name = "truncate-array";
            }
            case 6 -> {
                ArrayNode array = (ArrayNode) pick(slots, r, s -> s.value().isArray() && !s.value().isEmpty()).value();
                array.insert(r.nextInt(array.size() + 1), array.get(r.nextInt(array.size())).deepCopy());
                name = "duplicate-element";
            }
            case 7 -> {
                Slot pixels = pick(slots, r, s -> "pixels".equals(s.field()));
                if (pixels == null) {
                    pick(slots, r, s -> s.value().isTextual()).set(NODES.textNode(otherString(seed, r)));
                    name = "string";
                } else {
                    pixels.set(NODES.textNode(base64(pixels.value().textValue(), r)));
                    name = "base64";
                }
            }
            case 8 -> {
                pick(slots, r, s -> s.value().isTextual()).set(NODES.textNode(otherString(seed, r)));
                name = "string";
            }
            default -> {
                return new ByteMutator.Mutated("json/duplicate-key", duplicateKey(tree, r));
            }
        }
        try {
            byte[] bytes = (r.nextBoolean() ? PRETTY : JSON).writeValueAsBytes(tree);
            return new ByteMutator.Mutated("json/" + name, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode number(SplittableRandom r) {
        if (r.nextInt(4) == 0) {
            return r.nextBoolean() ? NODES.numberNode(r.nextDouble()) : NODES.numberNode(r.nextInt(-5, 20_000));
        }
        Object n = NUMBERS[r.nextInt(NUMBERS.length)];
        if (n instanceof String s) {
            return NODES.textNode(s);
        }
        if (n instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (n instanceof Long l) {
            return NODES.numberNode(l);
        }
        return n instanceof Integer i ? NODES.numberNode(i) : NODES.numberNode((Double) n);
    }

    private static String otherString(Seed seed, SplittableRandom r) {
        if (r.nextInt(5) == 0) {
            String[] odd = {"", " ", "../x", "FRAMEWORK", "ok ", "failed", "ok", "\u0000", "é", "x".repeat(1000)};
            return odd[r.nextInt(odd.length)];
        }
        return seed.strings().get(r.nextInt(seed.strings().size()));
    }

    /** Pixels that are not base64, or base64 of another length. */
    private static String base64(String pixels, SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> {
                char[] c = pixels.toCharArray();
                c[r.nextInt(c.length)] = "!-_ .\u00e9*".charAt(r.nextInt(7));
                yield new String(c);
            }
            case 1 -> pixels.substring(0, r.nextInt(pixels.length()));
            case 2 -> pixels + "AAAA";
            case 3 -> Base64.getEncoder().encodeToString(new byte[r.nextInt(2000)]);
            default -> "";
        };
    }

    /** The file as pretty JSON with one "key : value" line written twice. */
    private static byte[] duplicateKey(JsonNode tree, SplittableRandom r) {
        try {
            List<String> lines = new ArrayList<>(Arrays.asList(PRETTY.writeValueAsString(tree).split("\n", -1)));
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (KEY_LINE.matcher(lines.get(i)).matches()) {
                    keys.add(i);
                }
            }
            int at = keys.get(r.nextInt(keys.size()));
            String line = lines.get(at);
            lines.add(at, line.endsWith(",") ? line : line + ",");
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Slot pick(List<Slot> slots, SplittableRandom r, java.util.function.Predicate<Slot> which) {
        List<Slot> matching = slots.stream().filter(which).toList();
        return matching.isEmpty() ? null : matching.get(r.nextInt(matching.size()));
    }

    private static List<Slot> slots(JsonNode node, List<Slot> into) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> {
                into.add(new Slot(o, e.getKey(), -1, e.getValue()));
                slots(e.getValue(), into);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                into.add(new Slot(a, null, i, a.get(i)));
                slots(a.get(i), into);
            }
        }
        return into;
    }
}
