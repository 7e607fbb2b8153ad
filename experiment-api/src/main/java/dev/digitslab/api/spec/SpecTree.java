package dev.digitslab.api.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec as a JSON tree, where overrides are applied before the tree is read and validated like a spec file:
 * values read as YAML, set at a {@link SpecPath}, read back at one, and the fields in which two trees differ.
 */
final class SpecTree {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SpecTree() {
    }

    /** A value as written in a spec file, read as YAML; {@code where} names it in the error. */
    static JsonNode value(String text, String where) {
        try {
            JsonNode value = YAML.readTree(text);
            if (value == null || value.isMissingNode()) {
                throw new IllegalArgumentException(where + ": expected a value, found nothing");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": expected a value as written in a spec file (a number, a "
                    + "name, [a, list] or {an: object}), found '" + text + "'", e);
        }
    }

    /** The value as a spec file writes it: 0.003, 1e-4, adam, [42, 43], {type: dropout, rate: 0.5}. */
    static String text(JsonNode value) {
        if (value.isFloatingPointNumber()) {
            return SpecOutput.number(value.doubleValue());
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> parts.add(text(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        value.fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + text(e.getValue())));
        return "{" + String.join(", ", parts) + "}";
    }

    /** A value as an error shows it: "the number 32", "the name 'abc'", "a list", "an object". */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isNumber()) {
            return "the number " + text(value);
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        return (value.isArray() ? "the list " : "the object ") + text(value);
    }

    /** The value at {@code path}, or null if the tree has nothing there. */
    static JsonNode get(JsonNode root, SpecPath path) {
        JsonNode node = root;
        for (SpecPath.Step step : path.steps()) {
            node = node == null ? null : step.isIndex() ? (node.isArray() ? node.get(step.index()) : null)
                    : (node.isObject() ? node.get(step.field()) : null);
        }
        return node;
    }

    /**
     * Sets {@code path} to {@code value}. Objects missing on the way are created (an unknown field is then reported
     * by the spec reader, with the fields it knows); a list index must exist. A value of another kind than the one
     * it replaces (a name for a number, a fraction for an integer) is refused here, so that no conversion of the
     * reader hides it: {@code batchSize=32.5} never becomes 32.
     *
     * @throws IllegalArgumentException one line naming the path, what was expected and what was found
     */
    static void set(ObjectNode root, SpecPath path, JsonNode value) {
        JsonNode parent = root;
        List<SpecPath.Step> steps = path.steps();
        for (int i = 0; i < steps.size() - 1; i++) {
            SpecPath.Step step = steps.get(i);
            JsonNode child = child(parent, step, path, i);
            if (child == null || child.isNull()) {
                child = ((ObjectNode) parent).putObject(step.field());
            }
            if (!child.isContainerNode()) {
                throw new IllegalArgumentException(path.prefix(i + 1) + ": expected an object or a list on the "
                        + "way to " + path + ", found " + describe(child));
            }
            parent = child;
        }
        SpecPath.Step last = steps.get(steps.size() - 1);
        JsonNode old = child(parent, last, path, steps.size() - 1);
        requireSameKind(path, old, value);
        if (last.isIndex()) {
            ((ArrayNode) parent).set(last.index(), value);
        } else {
            ((ObjectNode) parent).set(last.field(), value);
        }
    }

    /** The child of {@code parent} at this step; an index must be within the list. */
    private static JsonNode child(JsonNode parent, SpecPath.Step step, SpecPath path, int at) {
        if (step.isIndex()) {
            if (!parent.isArray()) {
                throw new IllegalArgumentException(path.prefix(at) + ": expected a list to index with ["
                        + step.index() + "], found " + describe(parent));
            }
            if (step.index() >= parent.size()) {
                throw new IllegalArgumentException(path.prefix(at + 1) + ": expected an index from 0 to "
                        + (parent.size() - 1) + " (" + path.prefix(at) + " has " + parent.size() + " element"
                        + (parent.size() == 1 ? "" : "s") + "), found " + step.index());
            }
            return parent.get(step.index());
        }
        if (!parent.isObject()) {
            throw new IllegalArgumentException(path.prefix(at) + ": expected an object with the field '"
                    + step.field() + "', found " + describe(parent));
        }
        return parent.get(step.field());
    }

    private static void requireSameKind(SpecPath path, JsonNode old, JsonNode value) {
        if (old == null || old.isNull()) {
            return; // an optional field not set (data.subset) or an unknown one: the reader decides
        }
        String expected = null;
        if (old.isIntegralNumber() && !(value.isIntegralNumber()
                || value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue()))) {
            expected = "an integer";
        } else if (old.isNumber() && !value.isNumber()) {
            expected = "a number";
        } else if (old.isBoolean() && !value.isBoolean()) {
            expected = "true or false";
        } else if (old.isTextual() && !value.isValueNode()) {
            expected = "a name such as '" + old.asText() + "'";
        } else if (old.isArray() && !value.isArray()) {
            expected = "a list such as " + text(old);
        } else if (old.isObject() && !value.isObject()) {
            expected = "an object such as " + text(old);
        }
        if (expected != null) {
            throw new IllegalArgumentException(path + ": expected " + expected + ", found " + describe(value));
        }
    }

    /**
     * The fields of {@code changed} whose values differ from {@code base}'s, by path, each with its value as a spec
     * file writes it ({@code "(not set)"} where {@code changed} no longer has the field). Lists of plain values
     * (seeds) are one field; lists of objects (the layers) are compared element by element.
     */
    static Map<String, String> differences(JsonNode base, JsonNode changed) {
        Map<String, String> out = new LinkedHashMap<>();
        diff("", base, changed, out);
        return out;
    }

    private static void diff(String at, JsonNode base, JsonNode changed, Map<String, String> out) {
        if (base != null && changed != null && base.isObject() && changed.isObject()) {
            for (Iterator<String> it = changed.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                diff(at.isEmpty() ? f : at + "." + f, base.get(f), changed.get(f), out);
            }
            for (Iterator<String> it = base.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!changed.has(f)) {
                    diff(at.isEmpty() ? f : at + "." + f, base.get(f), null, out);
                }
            }
        } else if (base != null && changed != null && base.isArray() && changed.isArray()
                && base.size() == changed.size() && containsObjects(changed)) {
            for (int i = 0; i < changed.size(); i++) {
                diff(at + "[" + i + "]", base.get(i), changed.get(i), out);
            }
        } else if (changed == null || changed.isNull()) {
            if (base != null && !base.isNull()) {
                out.put(at, "(not set)");
            }
        } else if (base == null || !sameValue(base, changed)) {
            out.put(at, text(changed));
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        return a.equals(b);
    }

    private static boolean containsObjects(JsonNode list) {
        for (JsonNode v : list) {
            if (v.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
