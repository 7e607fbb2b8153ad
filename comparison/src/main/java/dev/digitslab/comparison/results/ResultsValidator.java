package dev.digitslab.comparison.results;

import static dev.digitslab.comparison.results.Problems.element;
import static dev.digitslab.comparison.results.Problems.field;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecGrid;
import dev.digitslab.api.spec.SpecPath;
import dev.digitslab.api.spec.SpecValidator;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.catalogue.StudyKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks that a study's results can be reported as they are, collecting every problem rather than stopping at the
 * first, each at its JSON path, as {@link SpecValidator} does for specs: numbers finite and in range (fractions
 * in [0, 1], counts and losses ≥ 0); names that point at something (a run's spec, seed and implementation, a
 * pair's or transfer's spec and seed); and parts that agree (one run per spec, implementation and seed;
 * histories numbered 1..n within the spec's epochs; pair counts within the test count; each part only in the kind
 * of study that has it). A run's test evaluation and mistakes are {@link TestSummaryValidator}'s. Applied to what
 * is read and to what a run is about to write.
 */
final class ResultsValidator {
    /** A study's name is also its folder's: the same characters as a spec name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Set<String> implementations;
    private final Problems problems;
    private final TestSummaryValidator tests;

    /** @param implementations the implementation ids runs may name (those on the class path) */
    ResultsValidator(Set<String> implementations, Problems problems) {
        this.implementations = new TreeSet<>(implementations);
        this.problems = problems;
        this.tests = new TestSummaryValidator(problems);
    }

    void validate(StudyResults s) {
        if (s.study() == null || !NAME.matcher(s.study()).matches()) {
            problems.add("study", "expected lower-case letters, digits and dashes, found " + Problems.quote(s.study()));
        }
        if (s.kind() == null) {
            problems.add("kind", "expected comparison, weight-transfer or lockstep, found null");
        }
        if (s.title() == null) {
            problems.add("title", "expected a string, found null");
        }
        if (s.accuracyBar() != null) {
            problems.fraction("accuracyBar", s.accuracyBar());
        }
        createdAt(s.createdAt());
        if (s.environment() == null) {
            problems.add("environment", "expected an object, found null");
        }
        Map<String, ExperimentSpec> specs = specs(s.specs());
        Map<String, RunResult> okRuns = runs(s.runs(), specs);
        pairs(s, specs, okRuns);
        transfers(s, specs);
        lockstep(s, specs);
        sweep(s, specs);
        overrides(s, specs);
    }

    /** Each swept path parses and every spec has a value there; a sweep is a comparison of two specs or more. */
    private void sweep(StudyResults s, Map<String, ExperimentSpec> specs) {
        if (!s.sweep().isEmpty() && s.kind() != StudyKind.COMPARISON) {
            problems.add("sweep", "expected no sweep in a " + s.kind().id() + " study, found " + s.sweep());
        }
        for (int i = 0; i < s.sweep().size(); i++) {
            String at = element("sweep", i);
            SpecPath path;
            try {
                path = SpecPath.parse(s.sweep().get(i));
            } catch (IllegalArgumentException e) {
                problems.add(at, e.getMessage());
                continue;
            }
            for (ExperimentSpec spec : specs.values()) {
                if (SpecGrid.valueAt(spec, path) == null) {
                    problems.add(at, "expected a field every spec has, found none in spec " + Problems.quote(spec.name()));
                }
            }
        }
    }

    /** Overrides are listed for specs of the study only. */
    private void overrides(StudyResults s, Map<String, ExperimentSpec> specs) {
        for (String spec : s.overrides().keySet()) {
            if (!specs.containsKey(spec)) {
                problems.add(field("overrides", spec), "expected the name of a spec of the study, found "
                        + Problems.quote(spec));
            }
        }
    }

    private void createdAt(String createdAt) {
        try {
            Instant.parse(createdAt == null ? "" : createdAt);
        } catch (DateTimeParseException e) {
            problems.add("createdAt", "expected an ISO-8601 time such as 2026-01-01T00:00:00Z, found "
                    + Problems.quote(createdAt));
        }
    }

    /** The specs by name, each checked by {@link SpecValidator}. */
    private Map<String, ExperimentSpec> specs(List<ExperimentSpec> specs) {
        Map<String, ExperimentSpec> byName = new LinkedHashMap<>();
        if (specs == null || specs.isEmpty()) {
            problems.add("specs", "expected at least one spec, found none");
            return byName;
        }
        for (int i = 0; i < specs.size(); i++) {
            String at = element("specs", i);
            ExperimentSpec spec = specs.get(i);
            if (spec == null) {
                problems.add(at, "expected a spec, found null");
                continue;
            }
            SpecValidator.problems(spec).forEach(p -> problems.addWithin(at, p));
            if (spec.name() != null && byName.putIfAbsent(spec.name(), spec) != null) {
                problems.add(field(at, "name"), "expected a name no other spec of the study has, found "
                        + Problems.quote(spec.name()) + " again");
            }
        }
        return byName;
    }

    /** Checks every run; returns the successful ones by "spec|seed" (the first of each), for pairs to count on. */
    private Map<String, RunResult> runs(List<RunResult> runs, Map<String, ExperimentSpec> specs) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, RunResult> ok = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            String at = element("runs", i);
            RunResult run = runs.get(i);
            if (run == null) {
                problems.add(at, "expected a run, found null");
                continue;
            }
            ExperimentSpec spec = spec(field(at, "spec"), run.spec(), specs);
            implementation(field(at, "implementation"), run.implementation());
            seed(field(at, "seed"), run.seed(), spec);
            Integer first = seen.putIfAbsent(run.spec() + "|" + run.implementation() + "|" + run.seed(), i);
            if (first != null) {
                problems.add(at, "expected one run of " + run.spec() + " by " + run.implementation() + " with seed "
                        + run.seed() + ", found a second (the first is " + element("runs", first) + ")");
            }
            if (!RunResult.OK.equals(run.status()) && !RunResult.FAILED.equals(run.status())) {
                problems.add(field(at, "status"), "expected 'ok' or 'failed', found " + Problems.quote(run.status()));
            }
            history(field(at, "history"), run.history(), spec, run.ok());
            if (run.ok()) {
                if (run.test() == null) {
                    problems.add(field(at, "test"), "expected the test evaluation of a successful run, found null");
                }
                problems.finiteNonNegative(field(at, "secondsPerEpoch"), run.secondsPerEpoch());
                if (run.parameterCount() <= 0) {
                    problems.add(field(at, "parameterCount"), "expected a positive integer, found "
                            + run.parameterCount());
                }
                ok.putIfAbsent(run.spec() + "|" + run.seed(), run);
            } else {
                if (run.error() == null || run.error().isBlank()) {
                    problems.add(field(at, "error"), "expected why the run failed, found "
                            + Problems.quote(run.error()));
                }
                if (!Double.isNaN(run.secondsPerEpoch())) {
                    problems.finiteNonNegative(field(at, "secondsPerEpoch"), run.secondsPerEpoch());
                }
                problems.nonNegative(field(at, "parameterCount"), run.parameterCount());
            }
            if (run.test() != null) {
                tests.validate(field(at, "test"), run.test(), task(spec));
            }
            tests.misclassified(field(at, "misclassified"), run.misclassified(), run.test(), task(spec));
            memory(field(at, "memory"), run.memory());
        }
        return ok;
    }

    /** Absent in older results; else a positive heap in use and a positive resident size, or -1 where unknown. */
    private void memory(String at, RunMemory memory) {
        if (memory == null) {
            return;
        }
        if (memory.peakHeapBytes() <= 0) {
            problems.add(field(at, "peakHeapBytes"), "expected a positive number of bytes, found "
                    + memory.peakHeapBytes());
        }
        long rss = memory.peakRssBytes();
        if (rss != RunMemory.UNKNOWN && rss <= 0) {
            problems.add(field(at, "peakRssBytes"), "expected a positive number of bytes or -1 (unknown), found " + rss);
        }
    }

    /** Epochs numbered 1..n, within the spec's epochs, all of them for a successful run. */
    private void history(String at, List<EpochRecord> history, ExperimentSpec spec, boolean ok) {
        if (history == null) {
            problems.add(at, "expected an array, found null");
            return;
        }
        for (int j = 0; j < history.size(); j++) {
            String e = element(at, j);
            EpochRecord r = history.get(j);
            if (r.epoch() != j + 1) {
                problems.add(field(e, "epoch"), "expected " + (j + 1)
                        + " (epochs are numbered from 1, in order), found " + r.epoch());
            }
            problems.finiteNonNegative(field(e, "seconds"), r.seconds());
            problems.finiteNonNegative(field(e, "trainingLoss"), r.trainingLoss());
            problems.finiteNonNegative(field(e, "trainLoss"), r.trainLoss());
            problems.fraction(field(e, "trainAccuracy"), r.trainAccuracy());
            problems.finiteNonNegative(field(e, "validationLoss"), r.validationLoss());
            problems.fraction(field(e, "validationAccuracy"), r.validationAccuracy());
        }
        if (spec == null) {
            return;
        }
        if (history.size() > spec.epochs()) {
            problems.add(at, "expected at most " + spec.epochs() + " epochs (the spec's), found " + history.size());
        } else if (ok && history.size() != spec.epochs()) {
            problems.add(at, "expected " + spec.epochs() + " epochs (the spec's) for a successful run, found "
                    + history.size());
        }
    }

    private void pairs(StudyResults s, Map<String, ExperimentSpec> specs, Map<String, RunResult> okRuns) {
        List<PairComparison> pairs = s.pairs();
        onlyIn(s, StudyKind.COMPARISON, "pairs", pairs.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            String at = element("pairs", i);
            PairComparison p = pairs.get(i);
            ExperimentSpec spec = spec(field(at, "spec"), p.spec(), specs);
            seed(field(at, "seed"), p.seed(), spec);
            Integer first = seen.putIfAbsent(p.spec() + "|" + p.seed(), i);
            if (first != null) {
                problems.add(at, "expected one pair for " + p.spec() + " with seed " + p.seed()
                        + ", found a second (the first is " + element("pairs", first) + ")");
            }
            problems.fraction(field(at, "agreement"), p.agreement());
            problems.nonNegative(field(at, "frameworkOnlyRight"), p.referenceOnlyRight());
            problems.nonNegative(field(at, "scratchOnlyRight"), p.candidateOnlyRight());
            problems.fraction(field(at, "mcNemarP"), p.mcNemarP());
            RunResult run = okRuns.get(p.spec() + "|" + p.seed());
            if (spec == null || p.referenceOnlyRight() < 0 || p.candidateOnlyRight() < 0) {
                continue;
            }
            if (run == null || run.test() == null || run.test().count() <= 0) {
                problems.add(at, "expected successful runs of " + p.spec() + " with seed " + p.seed()
                        + " to compare, found none");
                continue;
            }
            int count = run.test().count();
            long discordant = p.referenceOnlyRight() + p.candidateOnlyRight();
            if (discordant < 0 || discordant > count) {
                problems.add(at, "expected frameworkOnlyRight + scratchOnlyRight at most the test count " + count
                        + ", found " + (discordant < 0 ? "more" : discordant));
            } else if (p.agreement() > 1 - (double) discordant / count + TestSummaryValidator.SAME) {
                problems.add(field(at, "agreement"), "expected at most " + (1 - (double) discordant / count)
                        + " (images only one implementation gets right are predicted differently), found "
                        + p.agreement());
            }
        }
    }

    private void transfers(StudyResults s, Map<String, ExperimentSpec> specs) {
        List<TransferResult> transfers = s.transfers();
        onlyIn(s, StudyKind.WEIGHT_TRANSFER, "transfers", transfers.size());
        for (int i = 0; i < transfers.size(); i++) {
            String at = element("transfers", i);
            TransferResult t = transfers.get(i);
            seed(field(at, "seed"), t.seed(), spec(field(at, "spec"), t.spec(), specs));
            implementation(field(at, "trainedBy"), t.trainedBy());
            implementation(field(at, "runBy"), t.runBy());
            if (t.trainedBy() != null && t.trainedBy().equals(t.runBy())) {
                problems.add(field(at, "runBy"), "expected the implementation other than trainedBy, found "
                        + Problems.quote(t.runBy()));
            }
            if (t.testCount() <= 0) {
                problems.add(field(at, "testCount"), "expected a positive integer, found " + t.testCount());
            }
            problems.fraction(field(at, "maxAbsProbabilityDifference"), t.maxAbsProbabilityDifference());
            if (t.differingPredictions() < 0 || t.differingPredictions() > Math.max(0, t.testCount())) {
                problems.add(field(at, "differingPredictions"), "expected a count from 0 to testCount "
                        + t.testCount() + ", found " + t.differingPredictions());
            }
            problems.fraction(field(at, "accuracyTrainedBy"), t.accuracyTrainedBy());
            problems.fraction(field(at, "accuracyRunBy"), t.accuracyRunBy());
        }
    }

    private void lockstep(StudyResults s, Map<String, ExperimentSpec> specs) {
        List<LockstepEpoch> epochs = s.lockstep();
        onlyIn(s, StudyKind.LOCKSTEP, "lockstep", epochs.size());
        for (int j = 0; j < epochs.size(); j++) {
            String at = element("lockstep", j);
            LockstepEpoch e = epochs.get(j);
            if (e.epoch() != j + 1) {
                problems.add(field(at, "epoch"), "expected " + (j + 1) + " (epochs are numbered from 1, in order), "
                        + "found " + e.epoch());
            }
            problems.finiteNonNegative(field(at, "parameterDistance"), e.parameterDistance());
            problems.finiteNonNegative(field(at, "relativeDistance"), e.relativeDistance());
            problems.finiteNonNegative(field(at, "maxAbsParameterDiff"), e.maxAbsParameterDiff());
            problems.finiteNonNegative(field(at, "frameworkTrainingLoss"), e.referenceTrainingLoss());
            problems.finiteNonNegative(field(at, "scratchTrainingLoss"), e.candidateTrainingLoss());
            problems.finiteNonNegative(field(at, "frameworkValidationLoss"), e.referenceValidationLoss());
            problems.finiteNonNegative(field(at, "scratchValidationLoss"), e.candidateValidationLoss());
        }
        int most = specs.values().stream().mapToInt(ExperimentSpec::epochs).max().orElse(Integer.MAX_VALUE);
        if (epochs.size() > most) {
            problems.add("lockstep", "expected at most " + most + " epochs (the spec's), found " + epochs.size());
        }
    }

    /** Pairs, transfers and lockstep epochs each belong to one kind of study. */
    private void onlyIn(StudyResults s, StudyKind kind, String field, int size) {
        if (size > 0 && s.kind() != null && s.kind() != kind) {
            problems.add(field, "expected none in a " + s.kind().id() + " study (only " + kind.id()
                    + " studies have them), found " + size);
        }
    }

    /** The spec a run, pair or transfer names, or null (a problem recorded) if the study has no such spec. */
    private ExperimentSpec spec(String at, String name, Map<String, ExperimentSpec> specs) {
        ExperimentSpec spec = name == null ? null : specs.get(name);
        if (spec == null && !specs.isEmpty()) {
            problems.add(at, "expected one of the study's specs (" + String.join(", ", specs.keySet()) + "), found "
                    + Problems.quote(name));
        }
        return spec;
    }

    /** The spec's task, or null if there is no spec or it has none (a problem the spec's own check reports). */
    private static TaskSpec task(ExperimentSpec spec) {
        return spec == null || spec.data() == null ? null : spec.data().task();
    }

    private void seed(String at, long seed, ExperimentSpec spec) {
        if (spec != null && !spec.seeds().contains(seed)) {
            problems.add(at, "expected one of the spec's seeds " + spec.seeds() + ", found " + seed);
        }
    }

    private void implementation(String at, String id) {
        if (id == null || !implementations.contains(id)) {
            problems.add(at, "expected an implementation on the class path (" + String.join(", ", implementations)
                    + "), found " + Problems.quote(id));
        }
    }
}
