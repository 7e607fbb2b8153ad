package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads experiment specs from YAML ({@code .yaml}/{@code .yml}) or JSON ({@code .json}) and validates
 * them. Unknown fields are errors, so a typo never silently falls back to a default. Writes specs as YAML
 * or JSON that it reads back to an equal spec.
 */
public final class SpecLoader {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new ObjectMapper()).registerModule(SpecOutput.numbers());
    private static final ObjectMapper SAVED = configure(new ObjectMapper(new YAMLFactory()))
            .addHandler(new LegacyOptimizerFields());

    /** The field of a spec file that holds a sweep rather than the spec. */
    private static final String SWEEP = "sweep";

    private SpecLoader() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        // A key given twice would otherwise silently keep the last value (or fail with a Jackson-internal message).
        return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Loads and validates a spec file; the format follows the file name's extension. */
    public static ExperimentSpec load(Path file) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, mapperFor(source), source);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(source, "file not found", e);
        } catch (IOException e) {
            throw new InvalidSpecException(source, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a spec file that may hold a {@code sweep:} block besides the spec's fields: the spec is validated as
     * {@link #load} does, the block's paths and values are checked ({@link SpecSweep#ofBlock}); its points are
     * {@link SpecGrid#points}.
     */
    public static SpecFile loadFile(Path file) {
        String source = file.toString();
        ObjectMapper mapper = mapperFor(source);
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = mapper.readTree(in);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(source, "file not found", e);
        } catch (JsonProcessingException e) {
            throw describe(e, source);
        } catch (IOException e) {
            throw new InvalidSpecException(source, "cannot read the file: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject() || !tree.has(SWEEP)) {
            return new SpecFile(load(file), List.of()); // read again from the text, so errors give line numbers
        }
        JsonNode block = ((ObjectNode) tree).remove(SWEEP);
        List<SpecSweep> sweep;
        try {
            sweep = SpecSweep.ofBlock(block, SWEEP);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(source, e.getMessage(), e);
        }
        return new SpecFile(fromTree(tree, mapper, source), sweep);
    }

    /**
     * The spec with each override applied to its tree, read and validated as a spec file is: an unknown field, a
     * value of the wrong kind or out of range is an {@link InvalidSpecException} naming the field.
     *
     * @param source names the result in errors, e.g. "multiclass with --set l2=-1"
     */
    public static ExperimentSpec withOverrides(ExperimentSpec spec, List<SpecOverride> overrides, String source) {
        if (overrides.isEmpty()) {
            return spec;
        }
        ObjectNode tree = tree(spec);
        for (SpecOverride o : overrides) {
            try {
                SpecTree.set(tree, o.path(), o.value());
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(source, e.getMessage(), e);
            }
        }
        return fromTree(tree, JSON, source);
    }

    /**
     * The fields in which {@code changed} differs from {@code base}, by path ({@code epochs},
     * {@code optimizer.learningRate}, {@code data.subset}), each with {@code changed}'s value as a spec file writes
     * it; in the order of the spec's fields.
     */
    public static Map<String, String> differences(ExperimentSpec base, ExperimentSpec changed) {
        return SpecTree.differences(tree(base), tree(changed));
    }

    /** The spec as a JSON tree, every field it uses written out. */
    static ObjectNode tree(ExperimentSpec spec) {
        return JSON.valueToTree(spec);
    }

    private static ExperimentSpec fromTree(JsonNode tree, ObjectMapper mapper, String source) {
        try {
            return SpecValidator.validate(mapper.treeToValue(tree, ExperimentSpec.class), source);
        } catch (JsonProcessingException e) {
            throw describe(e, source);
        } catch (IllegalArgumentException e) { // Jackson wraps what a creator throws (an unknown enum id) in this
            throw new InvalidSpecException(source, rootMessage(e), e);
        }
    }

    /** Loads and validates a spec from a stream; {@code source} names it in errors and picks the format. */
    public static ExperimentSpec load(InputStream in, String source) {
        return parse(in, mapperFor(source), source);
    }

    /** Parses and validates YAML (JSON is a subset of YAML) from a string, e.g. a catalogue entry. */
    public static ExperimentSpec parseYaml(String text, String source) {
        try {
            return SpecValidator.validate(YAML.readValue(text, ExperimentSpec.class), source);
        } catch (JsonProcessingException e) {
            throw describe(e, source);
        }
    }

    /**
     * A spec this program saved earlier (embedded in a model file), as YAML or JSON. Like {@link #parseYaml},
     * except that it also accepts the optimiser fields that older versions wrote for every kind (e.g.
     * {@code beta1} on sgd) and ignores them.
     */
    public static ExperimentSpec parseSaved(String text, String source) {
        try {
            return SpecValidator.validate(SAVED.readValue(text, ExperimentSpec.class), source);
        } catch (JsonProcessingException e) {
            throw describe(e, source);
        }
    }

    /**
     * The spec as YAML in the style of the spec files ({@code - {type: dense, units: 128, activation: relu}}),
     * every field it uses written out, so {@link #load} reads it back to an equal spec.
     */
    public static String toYaml(ExperimentSpec spec) {
        return SpecOutput.yaml(JSON.convertValue(spec, Object.class));
    }

    /** The spec as JSON, every field it uses written out, so {@link #load} reads it back to an equal spec. */
    public static String toJson(ExperimentSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec " + spec.name() + " as JSON", e);
        }
    }

    private static ExperimentSpec parse(InputStream in, ObjectMapper mapper, String source) {
        try {
            return SpecValidator.validate(mapper.readValue(in, ExperimentSpec.class), source);
        } catch (JsonProcessingException e) {
            throw describe(e, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec " + source, e);
        }
    }

    private static ObjectMapper mapperFor(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        throw new InvalidSpecException(source, "unknown spec format: expected a .yaml, .yml or .json file", null);
    }

    private static InvalidSpecException describe(JsonProcessingException e, String source) {
        String where = "";
        if (e instanceof JsonMappingException m) {
            where = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
        }
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what = "unknown field '" + u.getPropertyName() + "' (known fields: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + ")";
        } else if (e instanceof InvalidTypeIdException t && t.getTypeId() == null) {
            Class<?> family = t.getBaseType().getRawClass();
            where = (where.isEmpty() ? "" : where + ".") + family.getAnnotation(JsonTypeInfo.class).property();
            what = "missing (expected " + typeNames(family) + ")";
        } else if (e instanceof InvalidTypeIdException t) {
            what = "unknown type '" + t.getTypeId() + "' (expected " + typeNames(t.getBaseType().getRawClass()) + ")";
        } else {
            what = rootMessage(e);
        }
        String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return new InvalidSpecException(source, (where.isEmpty() ? "" : where + ": ") + what + line, e);
    }

    /** The names that select a record of a sealed spec family, e.g. "sgd, momentum or adam". */
    private static String typeNames(Class<?> family) {
        List<String> names = family == OptimizerSpec.class
                ? Arrays.stream(OptimizerSpec.Kind.values()).map(SpecName::id).toList()
                : Arrays.stream(family.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof MarkedYAMLException y && y.getProblem() != null) {
            // SnakeYAML's message starts with the context ("while parsing a block mapping"); the problem follows.
            return (y.getContext() == null ? "" : y.getContext() + ": ") + y.getProblem();
        }
        String msg = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg.split("\n")[0];
    }
}
