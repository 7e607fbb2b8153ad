package dev.digitslab.comparison.catalogue;

import dev.digitslab.api.spec.ExperimentSpec;
import java.util.List;

/**
 * One entry of the catalogue: a named group of specs and how they are run.
 *
 * @param accuracyBar the test accuracy the study must reach (for several specs: the best one), or null
 */
public record Study(String name, StudyKind kind, String title, Double accuracyBar, List<ExperimentSpec> specs) {
    public Study {
        specs = List.copyOf(specs);
    }

    public Study withSpecs(List<ExperimentSpec> newSpecs) {
        return new Study(name, kind, title, accuracyBar, newSpecs);
    }
}
