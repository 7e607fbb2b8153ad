package dev.digitslab.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The points of a sweep: every combination of the swept values (the first field varies slowest), each a spec of
 * its own, validated like a spec file and named after its values, e.g. {@code multiclass@lr=0.003+batch=32}.
 * Names use only characters that are safe in file names on every system and in CSV, since every file a run
 * writes about a spec carries its name.
 */
public final class SpecGrid {
    /** Short names of the fields most often swept; any other field goes by its own name in lower case. */
    private static final Map<String, String> SHORT = Map.of("learningRate", "lr", "batchSize", "batch",
            "validationFraction", "val");
    /** A value that can stand in a name as it is written. */
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9.-]{1,24}");

    private SpecGrid() {
    }

    /**
     * Every point of the grid, in order: the first sweep's values outermost.
     *
     * @throws InvalidSpecException if a point is not a valid spec (naming the point, the field and the value)
     * @throws IllegalArgumentException if a path leads nowhere or a value has the wrong kind
     */
    public static List<ExperimentSpec> points(ExperimentSpec base, List<SpecSweep> sweeps) {
        List<String> keys = keys(sweeps);
        List<ExperimentSpec> points = new ArrayList<>();
        int[] at = new int[sweeps.size()];
        int count = sweeps.stream().mapToInt(s -> s.values().size()).reduce(1, Math::multiplyExact);
        for (int p = 0; p < count; p++) {
            int rest = p;
            for (int i = sweeps.size() - 1; i >= 0; i--) {
                at[i] = rest % sweeps.get(i).values().size();
                rest /= sweeps.get(i).values().size();
            }
            List<SpecOverride> overrides = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < sweeps.size(); i++) {
                JsonNode value = sweeps.get(i).values().get(at[i]);
                overrides.add(new SpecOverride(sweeps.get(i).path(), value));
                parts.add(keys.get(i) + "=" + valueName(value, at[i]));
                values.add(sweeps.get(i).path() + " " + SpecTree.text(value));
            }
            String name = base.name() + "@" + String.join("+", parts);
            overrides.add(new SpecOverride(SpecPath.parse("name"), TextNode.valueOf(name)));
            // The title says what the point changes, so that it never describes the spec swept from alone.
            overrides.add(new SpecOverride(SpecPath.parse("title"),
                    TextNode.valueOf(base.title() + " [" + String.join(", ", values) + "]")));
            points.add(SpecLoader.withOverrides(base, overrides, name + " (a point of the sweep)"));
        }
        return points;
    }

    /** The value of {@code path} in the spec, as a spec file writes it, or null if the spec has nothing there. */
    public static String valueAt(ExperimentSpec spec, SpecPath path) {
        JsonNode value = SpecTree.get(SpecLoader.tree(spec), path);
        return value == null || value.isNull() ? null : SpecTree.text(value);
    }

    /** Each sweep's key in the point names: a short field name, or the whole path where two would clash. */
    static List<String> keys(List<SpecSweep> sweeps) {
        List<String> keys = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (SpecSweep s : sweeps) {
            uses.merge(shortKey(s.path()), 1, Integer::sum);
        }
        for (SpecSweep s : sweeps) {
            String key = shortKey(s.path());
            keys.add(uses.get(key) == 1 ? key : s.path().toString().replace("[", "").replace("]", "")
                    .toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    private static String shortKey(SpecPath path) {
        String field = path.lastField();
        return SHORT.getOrDefault(field, field.toLowerCase(Locale.ROOT));
    }

    /** The value as it stands in a point's name: as written if it is a plain number or name, else its position. */
    private static String valueName(JsonNode value, int index) {
        String text = SpecTree.text(value).toLowerCase(Locale.ROOT);
        return PLAIN.matcher(text).matches() ? text : "v" + (index + 1);
    }
}
