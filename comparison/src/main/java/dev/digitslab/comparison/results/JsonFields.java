package dev.digitslab.comparison.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one JSON object, read one at a time. A field that is missing, null where a value is required, or
 * of another type is recorded as a problem at its path ({@code runs[3].test.count}) and a stand-in is returned,
 * so reading goes on and every such problem is found in one pass. Which values are allowed is
 * {@link ResultsValidator}'s business; this only sees that each value is there and of its type.
 */
final class JsonFields {
    /** What Jackson writes for the non-finite doubles (JSON has no NaN), and reads back. */
    private static final List<String> NON_FINITE = List.of("NaN", "Infinity", "-Infinity");
    private static final int QUOTED = 40;

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    private JsonFields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The object at {@code path}, or null (a problem recorded) if {@code node} is not an object. */
    static JsonFields of(JsonNode node, String path, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(path, "expected a JSON object, found " + describe(node));
            return null;
        }
        return new JsonFields(node, path, problems);
    }

    String path() {
        return path;
    }

    String string(String name) {
        JsonNode v = present(name, "a string");
        return v == null ? "" : asString(name, v);
    }

    String stringOrNull(String name) {
        JsonNode v = nullable(name, "a string or null");
        return v == null ? null : asString(name, v);
    }

    int integer(String name) {
        JsonNode v = present(name, "an integer");
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            wrong(name, "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, v);
            return 0;
        }
        return v.intValue();
    }

    long longInteger(String name) {
        JsonNode v = present(name, "an integer");
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            wrong(name, "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE, v);
            return 0;
        }
        return v.longValue();
    }

    /** A number; "NaN", "Infinity" and "-Infinity" (as Jackson writes them) are read too, for the validator. */
    double number(String name) {
        JsonNode v = present(name, "a number");
        return v == null ? Double.NaN : asNumber(name, v);
    }

    Double numberOrNull(String name) {
        JsonNode v = nullable(name, "a number or null");
        return v == null ? null : asNumber(name, v);
    }

    JsonFields object(String name) {
        JsonNode v = present(name, "an object");
        return v == null ? null : of(v, Problems.field(path, name), problems);
    }

    JsonFields objectOrNull(String name) {
        JsonNode v = nullable(name, "an object or null");
        return v == null ? null : of(v, Problems.field(path, name), problems);
    }

    /** An object, or null if the field is null or absent (a field older results files do not have). */
    JsonFields optionalObject(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : of(v, Problems.field(path, name), problems);
    }

    /** An array of objects; elements that are not objects are recorded and left out. */
    List<JsonFields> objects(String name) {
        List<JsonFields> objects = new ArrayList<>();
        for (Element e : array(name)) {
            JsonFields o = of(e.node(), e.path(), problems);
            if (o != null) {
                objects.add(o);
            }
        }
        return objects;
    }

    /** An array's elements with their paths; empty (a problem recorded) if the field is not an array. */
    List<Element> array(String name) {
        JsonNode v = present(name, "an array");
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            wrong(name, "an array", v);
            return List.of();
        }
        String at = Problems.field(path, name);
        List<Element> elements = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            elements.add(new Element(v.get(i), Problems.element(at, i)));
        }
        return elements;
    }

    /** An array of arrays of integers, e.g. a confusion matrix; a bad element is recorded and counts as 0. */
    long[][] integerRows(String name) {
        List<Element> rows = array(name);
        long[][] matrix = new long[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r).node();
            if (row == null || !row.isArray()) {
                problems.add(rows.get(r).path(), "expected an array of integers, found " + describe(row));
                matrix[r] = new long[0];
                continue;
            }
            matrix[r] = new long[row.size()];
            for (int c = 0; c < row.size(); c++) {
                JsonNode cell = row.get(c);
                if (cell.isIntegralNumber() && cell.canConvertToLong()) {
                    matrix[r][c] = cell.longValue();
                } else {
                    problems.add(Problems.element(rows.get(r).path(), c), "expected an integer, found "
                            + describe(cell));
                }
            }
        }
        return matrix;
    }

    /** An object whose values are all strings (or null), e.g. the environment. */
    Map<String, String> strings(String name) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonFields o = object(name);
        if (o == null) {
            return map;
        }
        o.node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isNull() || v.isTextual()) {
                map.put(e.getKey(), v.isNull() ? null : v.textValue());
            } else {
                problems.add(Problems.field(o.path, e.getKey()), "expected a string, found " + describe(v));
            }
        });
        return map;
    }

    /** Whether the object has the field at all: for fields that files written by earlier versions lack. */
    boolean has(String name) {
        return node.has(name);
    }

    /** The object's field names, in file order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An array of strings; an element that is not a string is recorded and left out. */
    List<String> stringList(String name) {
        List<String> strings = new ArrayList<>();
        for (Element e : array(name)) {
            if (e.node() != null && e.node().isTextual()) {
                strings.add(e.node().textValue());
            } else {
                problems.add(e.path(), "expected a string, found " + describe(e.node()));
            }
        }
        return strings;
    }

    /** One element of an array and its path, e.g. {@code runs[3]}. */
    record Element(JsonNode node, String path) {
    }

    /** The field's value, or null with "missing" or "found null" recorded. */
    private JsonNode present(String name, String expected) {
        JsonNode v = node.get(name);
        if (v == null) {
            problems.add(Problems.field(path, name), "missing (expected " + expected + ")");
            return null;
        }
        if (v.isNull()) {
            problems.add(Problems.field(path, name), "expected " + expected + ", found null");
            return null;
        }
        return v;
    }

    /** The field's value, or null if it is null; "missing" recorded if it is absent (results always write it). */
    private JsonNode nullable(String name, String expected) {
        JsonNode v = node.get(name);
        if (v == null) {
            problems.add(Problems.field(path, name), "missing (expected " + expected + ")");
            return null;
        }
        return v.isNull() ? null : v;
    }

    private String asString(String name, JsonNode v) {
        if (!v.isTextual()) {
            wrong(name, "a string", v);
            return "";
        }
        return v.textValue();
    }

    private double asNumber(String name, JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual() && NON_FINITE.contains(v.textValue())) {
            return Double.parseDouble(v.textValue());
        }
        wrong(name, "a number", v);
        return Double.NaN;
    }

    private void wrong(String name, String expected, JsonNode v) {
        problems.add(Problems.field(path, name), "expected " + expected + ", found " + describe(v));
    }

    /** A value as an error shows it: its JSON text, shortened, or what kind of value it is. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        String text = v.toString();
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
    }
}
