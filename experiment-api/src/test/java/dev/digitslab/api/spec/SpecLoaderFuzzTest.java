package dev.digitslab.api.spec;

import dev.digitslab.api.testing.FuzzTally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds random mutations of the catalogue's real specs (as written, as block YAML, and as JSON) to
 * {@link SpecLoader} through each of its entry points: lines deleted, duplicated, swapped or re-indented,
 * characters flipped, values replaced by random tokens, truncation, random bytes, and the classic YAML attacks
 * (alias expansion, deep nesting). Each must load as a valid spec or be rejected with an
 * {@link InvalidSpecException} naming the source — never another exception or a hang. An accepted spec must
 * also pass the validator and survive a YAML round trip unchanged.
 *
 * <p>The seeds in {@code src/test/resources/fuzz-seeds/specs} are copies of comparison's catalogue specs, so
 * this module's counts do not change when the catalogue does.
 */
class SpecLoaderFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(SpecLoaderFuzzTest.class);
    private static final long SEED = 20_240_609L;
    private static final int INPUTS = 4000;
    private static final int BATCH = 250;
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(30);
    private static final List<String> SEED_FILES = List.of("lockstep.yaml", "multiclass.yaml",
            "regularisation-batch-norm.yaml", "regularisation-dropout-batch-norm.yaml", "regularisation-dropout.yaml",
            "regularisation-l2.yaml", "regularisation-none.yaml", "zero-vs-one.yaml", "zero-vs-rest.yaml");
    /** Values a fuzzer might put where a spec value belongs: wrong types, extremes, YAML specials, other names. */
    private static final String[] TOKENS = {"-1", "0", "1", "0.5", "1.0", "-0.0", "1e-320", "1e309", "-1e309", ".nan",
            ".inf", "-.inf", "NaN", "Infinity", "99999999999999999999", "2147483648", "-2147483649", "9223372036854775808",
            "0x1F", "0o17", "1_000", "null", "~", "", "[]", "{}", "[1, 2]", "{a: 1}", "\"\"", "''", "true", "no", "yes",
            "!!binary aGVsbG8=", "!!float 1", "!!str 5", "!!int x", "!!java.io.File /tmp", "*missing", "&a 5", "? x",
            "|", ">", "'unterminated", "\"unterminated", "dense", "dropout", "batch-norm", "activation", "conv",
            "softmax", "sigmoid", "relu", "tanh", "identity", "gelu", "sgd", "momentum", "adam", "rmsprop",
            "multiclass", "digit-vs-rest", "digit-vs-digit", "binary-cross-entropy", "categorical-cross-entropy",
            "hinge", "he", "he-uniform", "xavier", "MNIST", "fashion-mnist", "Name With Spaces", "\u00e9t\u00e9",
            "\u0000", "\t", "#", "- x", "{type: dense}", "{type: dense, units: 10, activation: softmax}",
            "{kind: digit-vs-rest, digit: 10}", "{kind: digit-vs-digit, negative: 3, positive: 3}"};
    /** Characters that mean something to YAML or JSON. */
    private static final String SPECIALS = ":{}[],-&*!%@`|>#'\"\t\n \\?\u0000\u00e9\uFFFD\u2028";
    /** SnakeYAML's context line alone ("while parsing a block mapping (line 3)"), without the problem. */
    private static final Pattern PARSER_CONTEXT_ONLY =
            Pattern.compile("(\\S+: )?while (parsing|scanning) [a-z ]+( \\(line \\d+\\))?");
    private static final ObjectMapper BLOCK_YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final Pattern VALUE = Pattern.compile("(\\w+\"?)\\s*:\\s*([^,}\\]\\n]*)");

    @TempDir
    Path dir;

    private record Seed(String text, String extension) {
    }

    @Test
    void mutatedSpecsLoadOrAreRejectedWithInvalidSpecException() throws IOException {
        List<Seed> seeds = seeds();
        FuzzTally<InvalidSpecException> tally = new FuzzTally<>("spec", SEED, InvalidSpecException.class,
                SpecLoaderFuzzTest::unclear);
        SplittableRandom r = new SplittableRandom(SEED);
        for (int start = 0; start < INPUTS; start += BATCH) {
            tally.inBatch(BATCH_LIMIT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    fuzzOne(r, seeds, tally);
                }
            });
        }
        tally.finish(log);
        assertEquals(INPUTS, tally.inputs());
        assertTrue(tally.accepted() > 0 && tally.rejected() > 0, "accepted " + tally.accepted());
    }

    private void fuzzOne(SplittableRandom r, List<Seed> seeds, FuzzTally<InvalidSpecException> tally) {
        Seed seed = seeds.get(r.nextInt(seeds.size()));
        String mutation;
        byte[] bytes;
        int kind = r.nextInt(20);
        if (kind == 0) {
            bytes = randomBytes(r, r.nextInt(2048));
            mutation = "random-bytes";
        } else if (kind == 1) {
            String attack = attack(r);
            mutation = attack.substring(0, attack.indexOf(' '));
            bytes = attack.substring(attack.indexOf(' ') + 1).getBytes(StandardCharsets.UTF_8);
        } else {
            String[] m = mutate(seed.text(), r);
            mutation = m[0];
            bytes = m[1].getBytes(StandardCharsets.UTF_8);
        }
        String format = seed.extension().equals(".json") ? "json" : "yaml";
        String label = format + "/" + mutation;
        String name = "spec" + seed.extension();
        int entry = r.nextInt(3);
        Path file = dir.resolve(name);
        try {
            FuzzTally.overwrite(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExperimentSpec[] loaded = new ExperimentSpec[1];
        List<FuzzTally.Input> given = List.of(new FuzzTally.Input(name, bytes));
        tally.attempt(label, given, () -> {
            if (entry == 0) {
                loaded[0] = SpecLoader.load(file);
            } else if (entry == 1) {
                try (InputStream in = new ByteArrayInputStream(bytes)) {
                    loaded[0] = SpecLoader.load(in, name);
                }
            } else {
                // parseYaml takes text: undecodable bytes become U+FFFD, as for any caller holding a String.
                loaded[0] = SpecLoader.parseYaml(new String(bytes, StandardCharsets.UTF_8), name);
            }
        });
        ExperimentSpec spec = loaded[0];
        if (spec != null) {
            List<String> problems = SpecValidator.problems(spec);
            if (!problems.isEmpty()) {
                tally.violation(label, given, "accepted a spec the validator rejects: " + problems);
            } else {
                try {
                    ExperimentSpec again = SpecLoader.parseYaml(SpecLoader.toYaml(spec), "round trip");
                    if (!again.equals(spec)) {
                        tally.violation(label, given, "YAML round trip changed the spec: " + spec + " -> " + again);
                    }
                } catch (RuntimeException e) {
                    tally.violation(label, given, "YAML round trip failed: " + e);
                }
            }
        }
    }

    /** One mutation of a seed's text: {name, mutated text}. */
    private static String[] mutate(String text, SplittableRandom r) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int line = r.nextInt(lines.size());
        switch (r.nextInt(9)) {
            case 0:
                lines.remove(line);
                return new String[] {"delete-line", String.join("\n", lines)};
            case 1:
                lines.add(line, lines.get(r.nextInt(lines.size())));
                return new String[] {"duplicate-line", String.join("\n", lines)};
            case 2:
                java.util.Collections.swap(lines, line, r.nextInt(lines.size()));
                return new String[] {"swap-lines", String.join("\n", lines)};
            case 3: {
                String l = lines.get(line);
                lines.set(line, r.nextBoolean() ? " ".repeat(1 + r.nextInt(4)) + l : l.stripLeading());
                return new String[] {"re-indent-line", String.join("\n", lines)};
            }
            case 4: {
                StringBuilder s = new StringBuilder(text);
                for (int n = 1 + r.nextInt(3); n > 0 && s.length() > 0; n--) {
                    char c = r.nextInt(3) == 0 ? (char) (32 + r.nextInt(95)) : SPECIALS.charAt(r.nextInt(SPECIALS.length()));
                    s.setCharAt(r.nextInt(s.length()), c);
                }
                return new String[] {"flip-chars", s.toString()};
            }
            case 5:
            case 6: {
                List<int[]> values = new ArrayList<>();
                Matcher m = VALUE.matcher(text);
                while (m.find()) {
                    values.add(new int[] {m.start(2), m.end(2)});
                }
                int[] v = values.get(r.nextInt(values.size()));
                String token = r.nextInt(8) == 0 ? randomWord(r) : TOKENS[r.nextInt(TOKENS.length)];
                return new String[] {"replace-value", text.substring(0, v[0]) + token + text.substring(v[1])};
            }
            case 7:
                return new String[] {"truncate", text.substring(0, r.nextInt(text.length()))};
            default: {
                int at = r.nextInt(text.length() + 1);
                String junk = new String(randomBytes(r, 1 + r.nextInt(16)), StandardCharsets.ISO_8859_1);
                return new String[] {"insert-junk", text.substring(0, at) + junk + text.substring(at)};
            }
        }
    }

    /** The classic attacks on YAML/JSON parsers, as "name text". */
    private static String attack(SplittableRandom r) {
        int depth = 100 + r.nextInt(20_000);
        switch (r.nextInt(5)) {
            case 0:
                return "deep-nesting-sequence name: x\nnetwork: " + "[".repeat(depth) + "]".repeat(depth);
            case 1:
                return "deep-nesting-mapping name: x\ndata: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth);
            case 2: {
                // "Billion laughs": each alias doubles the size of what the last one expands to.
                StringBuilder s = new StringBuilder("alias-expansion a0: &a0 [x, x]\n");
                for (int i = 1; i < 30; i++) {
                    s.append('a').append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                            .append(i - 1).append("]\n");
                }
                return s.append("name: *a29\n").toString();
            }
            case 3:
                // Up to 200 k characters: SnakeYAML scans about 3 M per second and stops at 3 M code points.
                return "huge-scalar name: " + "x".repeat(1 + r.nextInt(200_000));
            default:
                return "many-seeds name: x\nseeds: [" + "1, ".repeat(1 + r.nextInt(20_000)) + "1]";
        }
    }

    private static String randomWord(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + r.nextInt(12); n > 0; n--) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** The error must name the source and give at least one non-blank problem. */
    private static String unclear(InvalidSpecException e, List<FuzzTally.Input> given) {
        if (!e.source().endsWith(given.get(0).fileName()) || !e.getMessage().contains(e.source())) {
            return "does not name the spec's source";
        }
        if (e.problems().isEmpty() || e.problems().stream().anyMatch(String::isBlank)) {
            return "names no problem";
        }
        for (String problem : e.problems()) {
            if (PARSER_CONTEXT_ONLY.matcher(problem).matches()) {
                return "says where the YAML parser was, not what is wrong";
            }
            if (problem.contains("setter")) {
                return "Jackson's internals instead of the problem";
            }
        }
        return null;
    }

    /** Each catalogue spec as written, as block-style YAML, and as JSON. */
    private static List<Seed> seeds() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        for (String name : SEED_FILES) {
            String text;
            try (InputStream in = SpecLoaderFuzzTest.class.getResourceAsStream("/fuzz-seeds/specs/" + name)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            ExperimentSpec spec = SpecLoader.parseYaml(text, name);
            seeds.add(new Seed(text, ".yaml"));
            // SpecLoader writes the spec files' flow style; Jackson's YAML writer gives the block style.
            String json = SpecLoader.toJson(spec);
            seeds.add(new Seed(BLOCK_YAML.writeValueAsString(BLOCK_YAML.readTree(json)), ".yml"));
            seeds.add(new Seed(json, ".json"));
        }
        return seeds;
    }
}
