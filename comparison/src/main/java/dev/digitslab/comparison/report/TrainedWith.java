package dev.digitslab.comparison.report;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.results.StudyResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a spec was trained with unlike the catalogue or its spec file (--epochs, --subset, --seeds, --set), in the
 * words of the report's rows, so that a quick run never passes for the real one. A sweep's swept fields are left
 * out: the point's name and the sweep table give them.
 */
final class TrainedWith {
    private TrainedWith() {
    }

    /** "epochs 2, data.subset 500, seeds [42]", or empty if the spec ran as written. */
    static String of(StudyResults study, String spec) {
        return text(changes(study, spec));
    }

    /**
     * The sentence for the study's section, or empty if every spec ran as written: what all its specs share once,
     * what differs spec by spec after it.
     */
    static String sentence(StudyResults study) {
        List<Map<String, String>> all = study.specs().stream().map(s -> changes(study, s.name())).toList();
        if (all.stream().allMatch(Map::isEmpty)) {
            return "";
        }
        Map<String, String> shared = new LinkedHashMap<>(all.get(0));
        all.forEach(m -> shared.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey()))));
        List<String> own = new ArrayList<>();
        for (ExperimentSpec spec : study.specs()) {
            Map<String, String> rest = new LinkedHashMap<>(changes(study, spec.name()));
            rest.keySet().removeAll(shared.keySet());
            if (!rest.isEmpty()) {
                own.add(spec.name() + ": " + text(rest));
            }
        }
        return "**Not run as the " + (study.sweep().isEmpty() ? "catalogue or spec file" : "swept spec")
                + " writes it:** trained with " + (shared.isEmpty() ? "" : text(shared) + (own.isEmpty() ? "" : "; "))
                + String.join("; ", own) + ".";
    }

    private static Map<String, String> changes(StudyResults study, String spec) {
        Map<String, String> changes = new LinkedHashMap<>(study.overridesOf(spec));
        changes.keySet().removeAll(study.sweep());
        return changes;
    }

    private static String text(Map<String, String> changes) {
        List<String> parts = new ArrayList<>();
        changes.forEach((path, value) -> parts.add(path + " " + value));
        return String.join(", ", parts);
    }
}
