package dev.digitslab.api.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field of a spec by its path, as {@code --set} and {@code --sweep} name it: fields joined by dots, list elements
 * by their index from 0 in brackets, e.g. {@code optimizer.learningRate}, {@code data.task.digit},
 * {@code network[0].units}, {@code seeds}.
 *
 * @param text  the path as written
 * @param steps the fields and indices from the root to the value
 */
public record SpecPath(String text, List<Step> steps) {
    private static final Pattern STEP = Pattern.compile("([A-Za-z][A-Za-z0-9]*)((?:\\[\\d{1,9}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    public SpecPath {
        steps = List.copyOf(steps);
    }

    /** One step of a path: a field of an object, or (with {@code field} null) an element of a list. */
    public record Step(String field, int index) {
        boolean isIndex() {
            return field == null;
        }

        @Override
        public String toString() {
            return isIndex() ? "[" + index + "]" : field;
        }
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException naming the path and the form expected
     */
    public static SpecPath parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        List<Step> steps = new ArrayList<>();
        for (String part : trimmed.split("\\.", -1)) {
            Matcher m = STEP.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + trimmed + "': expected a spec field path such as "
                        + "optimizer.learningRate or network[0].units, found " + (trimmed.isEmpty() ? "nothing"
                        : "'" + part + "' where a field name belongs"));
            }
            steps.add(new Step(m.group(1), 0));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(new Step(null, Integer.parseInt(index.group(1))));
            }
        }
        return new SpecPath(trimmed, steps);
    }

    /** The path of the first {@code count} steps, e.g. "network[0]" of "network[0].units". */
    String prefix(int count) {
        StringBuilder s = new StringBuilder();
        for (Step step : steps.subList(0, count)) {
            s.append(step.isIndex() || s.length() == 0 ? "" : ".").append(step);
        }
        return s.toString();
    }

    /** Whether one path is the other or lies inside it: setting both would set one value twice. */
    public boolean overlaps(SpecPath other) {
        int n = Math.min(steps.size(), other.steps.size());
        return steps.subList(0, n).equals(other.steps.subList(0, n));
    }

    /** The last field name on the path ("units" for network[0].units). */
    public String lastField() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).isIndex()) {
                return steps.get(i).field();
            }
        }
        throw new IllegalStateException("a path starts with a field");
    }

    @Override
    public String toString() {
        return prefix(steps.size());
    }
}
