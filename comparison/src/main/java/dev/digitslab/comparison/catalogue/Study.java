package dev.digitslab.comparison.catalogue;

import dev.digitslab.api.spec.ExperimentSpec;
import java.util.List;
import java.util.Map;

/**
 * One entry of the catalogue: a named group of specs and how they are run.
 *
 * @param accuracyBar the test accuracy the study must reach (for several specs: the best one), or null
 * @param baselines   by spec name, the spec as the catalogue or spec file wrote it, where the spec run differs
 *                    from it (command-line overrides, sweep points); a spec not listed is its own baseline
 * @param sweep       the field paths a sweep varies across the specs (empty if the study is not a sweep)
 */
public record Study(String name, StudyKind kind, String title, Double accuracyBar, List<ExperimentSpec> specs,
                    Map<String, ExperimentSpec> baselines, List<String> sweep) {
    public Study {
        specs = List.copyOf(specs);
        baselines = baselines == null ? Map.of() : Map.copyOf(baselines);
        sweep = sweep == null ? List.of() : List.copyOf(sweep);
    }

    /** A study that runs its specs as written. */
    public Study(String name, StudyKind kind, String title, Double accuracyBar, List<ExperimentSpec> specs) {
        this(name, kind, title, accuracyBar, specs, Map.of(), List.of());
    }

    public Study withSpecs(List<ExperimentSpec> newSpecs) {
        return new Study(name, kind, title, accuracyBar, newSpecs, baselines, sweep);
    }

    /** The spec as the catalogue or spec file wrote it, that {@code spec} was made from. */
    public ExperimentSpec baselineOf(ExperimentSpec spec) {
        return baselines.getOrDefault(spec.name(), spec);
    }
}
