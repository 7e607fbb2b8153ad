package dev.digitslab.comparison.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.catalogue.StudyKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a study produced, as saved in its results.json; reports are drawn from this alone.
 *
 * @param kind        how the study ran its specs (in JSON its id: "comparison", "weight-transfer", "lockstep")
 * @param accuracyBar the test accuracy the study must reach (best spec), or null
 * @param createdAt   ISO-8601 time the run finished
 * @param environment what is needed to repeat the run (JDK, versions, native variant, threads, CPU)
 * @param specs       the exact specs run (after command-line overrides)
 * @param runs        one per (spec, implementation, seed)
 * @param pairs       reference vs candidate per (spec, seed) where both succeeded
 * @param transfers   weight-transfer study only
 * @param lockstep    lockstep study only, one entry per epoch
 * @param sweep       the field paths a sweep varied across the specs, e.g. {@code optimizer.learningRate} (empty
 *                    if the study is not a sweep); each spec's value is read from the spec itself
 * @param overrides   by spec name, the fields in which the spec run differs from the one the catalogue or spec
 *                    file wrote (--epochs, --subset, --seeds, --set, sweep values): path to value as a spec file
 *                    writes it; a spec run as written is not listed. Both are left out of the file when empty, as in files written before they existed.
 */
public record StudyResults(String study, StudyKind kind, String title, Double accuracyBar, String createdAt,
                           Map<String, String> environment, List<ExperimentSpec> specs, List<RunResult> runs,
                           List<PairComparison> pairs, List<TransferResult> transfers, List<LockstepEpoch> lockstep,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> sweep,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, String>> overrides) {
    public StudyResults {
        runs = runs == null ? List.of() : List.copyOf(runs);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
        lockstep = lockstep == null ? List.of() : List.copyOf(lockstep);
        sweep = sweep == null ? List.of() : List.copyOf(sweep);
        overrides = overrides == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Results of specs run as written, not a sweep. */
    public StudyResults(String study, StudyKind kind, String title, Double accuracyBar, String createdAt,
                        Map<String, String> environment, List<ExperimentSpec> specs, List<RunResult> runs,
                        List<PairComparison> pairs, List<TransferResult> transfers, List<LockstepEpoch> lockstep) {
        this(study, kind, title, accuracyBar, createdAt, environment, specs, runs, pairs, transfers, lockstep,
                List.of(), Map.of());
    }

    /** What {@code spec} was trained with unlike the catalogue or spec file, by field path (empty if nothing). */
    public Map<String, String> overridesOf(String spec) {
        return overrides.getOrDefault(spec, Map.of());
    }

    /** The runs of one spec by implementation id, in run order. */
    public Map<String, List<RunResult>> runsByImplementation(String spec) {
        Map<String, List<RunResult>> byImpl = new LinkedHashMap<>();
        for (RunResult run : runs) {
            if (run.spec().equals(spec)) {
                byImpl.computeIfAbsent(run.implementation(), k -> new ArrayList<>()).add(run);
            }
        }
        return byImpl;
    }
}
