package dev.digitslab.comparison.catalogue;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecGrid;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.spec.SpecOverride;
import dev.digitslab.api.spec.SpecSweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A study as the command line changes it: every spec with the {@code --set} overrides applied, and with a sweep,
 * every spec expanded into the points of the grid, as a study of its own named {@code <study>-sweep} (so that it
 * never takes the place of the study as written in a report folder). Each spec run remembers the spec it was made
 * from, so the reports can say what differs.
 */
public final class StudyVariation {
    /** What a sweep's study name adds to the study's. */
    public static final String SWEEP_SUFFIX = "-sweep";

    private StudyVariation() {
    }

    /**
     * The study with the overrides and sweep applied (the study itself if there are none).
     *
     * @throws dev.digitslab.api.spec.InvalidSpecException naming the spec (or point), the field and the value
     * @throws IllegalArgumentException if the study cannot be swept or a path leads nowhere
     */
    public static Study of(Study study, List<SpecOverride> overrides, List<SpecSweep> sweep) {
        if (overrides.isEmpty() && sweep.isEmpty()) {
            return study;
        }
        if (!sweep.isEmpty() && study.kind() != StudyKind.COMPARISON) {
            throw new IllegalArgumentException("--sweep: " + study.name() + " is a " + study.kind().id()
                    + " study; sweeps run comparison studies (see `digits-lab list`)");
        }
        String with = overrides.stream().map(SpecOverride::toString).collect(Collectors.joining(" --set ", " with --set ", ""));
        List<ExperimentSpec> specs = new ArrayList<>();
        Map<String, ExperimentSpec> baselines = new LinkedHashMap<>();
        for (ExperimentSpec written : study.specs()) {
            ExperimentSpec base = study.baselineOf(written);
            ExperimentSpec set = SpecLoader.withOverrides(written, overrides, written.name() + with);
            List<ExperimentSpec> points = sweep.isEmpty() ? List.of(set) : SpecGrid.points(set, sweep);
            for (ExperimentSpec point : points) {
                specs.add(point);
                baselines.put(point.name(), base);
            }
        }
        if (sweep.isEmpty()) {
            return new Study(study.name(), study.kind(), study.title(), study.accuracyBar(), specs, baselines,
                    study.sweep());
        }
        List<String> paths = sweep.stream().map(s -> s.path().toString()).toList();
        return new Study(study.name() + SWEEP_SUFFIX, study.kind(), study.title() + ": sweep of "
                + String.join(" × ", paths), study.accuracyBar(), specs, baselines, paths);
    }

    /** A spec file's sweep with the command line's: a field the command line sweeps takes its values from there. */
    public static List<SpecSweep> merge(List<SpecSweep> fromFile, List<SpecSweep> fromCommandLine) {
        List<SpecSweep> merged = new ArrayList<>();
        for (SpecSweep s : fromFile) {
            if (fromCommandLine.stream().noneMatch(c -> c.path().steps().equals(s.path().steps()))) {
                merged.add(s);
            }
        }
        merged.addAll(fromCommandLine);
        return merged;
    }
}
