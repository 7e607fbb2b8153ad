package dev.digitslab.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One field of a spec and the values a sweep gives it, from {@code --sweep PATH=V1,V2,…} or one entry of a spec
 * file's {@code sweep:} block ({@code optimizer.learningRate: [0.0003, 0.001]}). Values are read as YAML, like
 * {@link SpecOverride}'s; each must appear once.
 *
 * @param path   the field
 * @param values at least one value, none twice
 */
public record SpecSweep(SpecPath path, List<JsonNode> values) {

    public SpecSweep {
        values = List.copyOf(values);
    }

    /**
     * Parses {@code PATH=V1,V2,…}: the values are the elements of the YAML list {@code [V1,V2,…]}, so a value may
     * itself hold commas inside brackets or braces.
     *
     * @throws IllegalArgumentException one line naming the argument, what was expected and what was found
     */
    public static SpecSweep parse(String argument) {
        int eq = argument.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--sweep " + argument + ": expected PATH=V1,V2,..., e.g. "
                    + "optimizer.learningRate=0.0003,0.001,0.003, found no '='");
        }
        SpecPath path = SpecPath.parse(argument.substring(0, eq));
        String where = "--sweep " + path;
        return of(path, SpecTree.value("[" + argument.substring(eq + 1) + "]", where), where);
    }

    /**
     * The sweeps of a spec file's {@code sweep:} block: an object from paths to lists of values.
     *
     * @param where names the block in errors, e.g. "my-spec.yaml: sweep"
     */
    public static List<SpecSweep> ofBlock(JsonNode block, String where) {
        if (!block.isObject() || block.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected an object from field paths to lists of values, "
                    + "e.g. {optimizer.learningRate: [0.0003, 0.001]}, found " + SpecTree.describe(block));
        }
        List<SpecSweep> sweeps = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) block::fields) {
            SpecPath path = SpecPath.parse(e.getKey());
            sweeps.add(of(path, e.getValue(), where + "." + path));
        }
        return sweeps;
    }

    private static SpecSweep of(SpecPath path, JsonNode list, String where) {
        if (path.steps().size() == 1 && "name".equals(path.steps().get(0).field())) {
            throw new IllegalArgumentException(where + ": the points of a sweep are named after their values; "
                    + "sweep another field");
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(where + ": expected a list of values, found "
                    + SpecTree.describe(list));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected at least one value, found none");
        }
        List<JsonNode> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode v : list) {
            if (v.isNull()) {
                throw new IllegalArgumentException(where + ": expected a value, found an empty one (two commas "
                        + "in a row?)");
            }
            if (!seen.add(SpecTree.text(v))) {
                throw new IllegalArgumentException(where + ": expected each value once, found "
                        + SpecTree.text(v) + " twice");
            }
            values.add(v);
        }
        return new SpecSweep(path, values);
    }

    /** Throws unless every path is swept or set once: two settings of one field (or of a field and its parent). */
    public static void requireDistinct(List<SpecOverride> overrides, List<SpecSweep> sweeps) {
        List<SpecPath> sets = overrides.stream().map(SpecOverride::path).toList();
        List<SpecPath> swept = sweeps.stream().map(SpecSweep::path).toList();
        for (int i = 0; i < sets.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sets.get(i).overlaps(sets.get(j))) {
                    throw new IllegalArgumentException("--set " + sets.get(i) + ": "
                            + (sets.get(i).steps().equals(sets.get(j).steps()) ? "set twice" : "overlaps --set "
                            + sets.get(j)) + "; give each field one value");
                }
            }
        }
        for (int i = 0; i < swept.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (swept.get(i).overlaps(swept.get(j))) {
                    throw new IllegalArgumentException("--sweep " + swept.get(i) + ": "
                            + (swept.get(i).steps().equals(swept.get(j).steps()) ? "swept twice" : "overlaps --sweep " + swept.get(j))
                            + "; give each field one list of values");
                }
            }
            for (SpecPath set : sets) {
                if (swept.get(i).overlaps(set)) {
                    throw new IllegalArgumentException("--sweep " + swept.get(i) + ": also set by --set " + set
                            + "; a field is either set to one value or swept");
                }
            }
        }
    }

    @Override
    public String toString() {
        return path + "=" + String.join(",", values.stream().map(SpecTree::text).toList());
    }
}
