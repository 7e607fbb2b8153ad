package dev.digitslab.comparison.results;

import static dev.digitslab.comparison.results.Problems.element;
import static dev.digitslab.comparison.results.Problems.field;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecValidator;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.eval.ClassMetrics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks that a study's results can be reported as they are, collecting every problem rather than stopping at the
 * first, each at its JSON path, as {@link SpecValidator} does for specs: numbers finite and in range (fractions
 * in [0, 1], counts and losses ≥ 0); names that point at something (a run's spec, seed and implementation, a
 * pair's or transfer's spec and seed); and parts that agree (a confusion matrix with the task's classes summing
 * to the test count and giving the accuracy, histories numbered 1..n within the spec's epochs, misclassified
 * images of {@value Misclassified#PIXELS} grey levels, each part only in the kind of study that has it). Applied
 * to what is read and to what a run is about to write.
 */
final class ResultsValidator {
    /** A study's name is also its folder's: the same characters as a spec name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** How far a saved fraction may be from the same fraction recomputed from counts (both are exact doubles). */
    private static final double SAME = 1e-9;

    private final Set<String> implementations;
    private final Problems problems;

    /** @param implementations the implementation ids runs may name (those on the class path) */
    ResultsValidator(Set<String> implementations, Problems problems) {
        this.implementations = new TreeSet<>(implementations);
        this.problems = problems;
    }

    void validate(StudyResults s) {
        if (s.study() == null || !NAME.matcher(s.study()).matches()) {
            problems.add("study", "expected lower-case letters, digits and dashes, found " + quote(s.study()));
        }
        if (s.kind() == null) {
            problems.add("kind", "expected comparison, weight-transfer or lockstep, found null");
        }
        if (s.title() == null) {
            problems.add("title", "expected a string, found null");
        }
        if (s.accuracyBar() != null) {
            fraction("accuracyBar", s.accuracyBar());
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
    }

    private void createdAt(String createdAt) {
        try {
            Instant.parse(createdAt == null ? "" : createdAt);
        } catch (DateTimeParseException e) {
            problems.add("createdAt", "expected an ISO-8601 time such as 2026-01-01T00:00:00Z, found "
                    + quote(createdAt));
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
                        + quote(spec.name()) + " again");
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
                problems.add(field(at, "status"), "expected 'ok' or 'failed', found " + quote(run.status()));
            }
            history(field(at, "history"), run.history(), spec, run.ok());
            if (run.ok()) {
                if (run.test() == null) {
                    problems.add(field(at, "test"), "expected the test evaluation of a successful run, found null");
                }
                nonNegative(field(at, "secondsPerEpoch"), run.secondsPerEpoch());
                if (run.parameterCount() <= 0) {
                    problems.add(field(at, "parameterCount"), "expected a positive integer, found "
                            + run.parameterCount());
                }
                ok.putIfAbsent(run.spec() + "|" + run.seed(), run);
            } else {
                if (run.error() == null || run.error().isBlank()) {
                    problems.add(field(at, "error"), "expected why the run failed, found " + quote(run.error()));
                }
                if (!Double.isNaN(run.secondsPerEpoch())) {
                    nonNegative(field(at, "secondsPerEpoch"), run.secondsPerEpoch());
                }
                count(field(at, "parameterCount"), run.parameterCount());
            }
            if (run.test() != null) {
                test(field(at, "test"), run.test(), spec);
            }
            misclassified(field(at, "misclassified"), run.misclassified(), run.test(), spec);
        }
        return ok;
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
                problems.add(field(e, "epoch"), "expected " + (j + 1) + " (epochs are numbered from 1, in order), found "
                        + r.epoch());
            }
            nonNegative(field(e, "seconds"), r.seconds());
            nonNegative(field(e, "trainingLoss"), r.trainingLoss());
            nonNegative(field(e, "trainLoss"), r.trainLoss());
            fraction(field(e, "trainAccuracy"), r.trainAccuracy());
            nonNegative(field(e, "validationLoss"), r.validationLoss());
            fraction(field(e, "validationAccuracy"), r.validationAccuracy());
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

    private void test(String at, TestSummary t, ExperimentSpec spec) {
        if (t.count() <= 0) {
            problems.add(field(at, "count"), "expected a positive integer, found " + t.count());
        }
        fraction(field(at, "accuracy"), t.accuracy());
        fraction(field(at, "balancedAccuracy"), t.balancedAccuracy());
        nonNegative(field(at, "loss"), t.loss());
        if (t.rocAuc() != null) {
            fraction(field(at, "rocAuc"), t.rocAuc());
        }
        fraction(field(at, "macroF1"), t.macroF1());
        TaskSpec task = task(spec);
        long[][] confusion = t.confusion();
        boolean consistent = confusion(field(at, "confusion"), confusion, task, t.count());
        if (consistent && t.count() > 0 && t.accuracy() >= 0 && t.accuracy() <= 1) {
            long correct = 0;
            for (int c = 0; c < confusion.length; c++) {
                correct += confusion[c][c];
            }
            double accuracy = (double) correct / t.count();
            if (Math.abs(accuracy - t.accuracy()) > SAME) {
                problems.add(field(at, "accuracy"), "expected " + accuracy + " (the confusion matrix's diagonal over "
                        + "the count), found " + t.accuracy());
            }
        }
        perClass(field(at, "perClass"), t.perClass(), consistent ? confusion : null, task);
    }

    /** Square, one row per class of the task, counts ≥ 0 summing to {@code count}; false if not. */
    private boolean confusion(String at, long[][] confusion, TaskSpec task, int count) {
        if (confusion == null) {
            problems.add(at, "expected an array of arrays of counts, found null");
            return false;
        }
        int classes = task == null ? confusion.length : task.classes();
        if (confusion.length != classes) {
            problems.add(at, "expected " + classes + " rows (the task " + task.describe() + " has " + classes
                    + " classes), found " + confusion.length);
            return false;
        }
        boolean valid = true;
        long total = 0;
        for (int r = 0; r < classes; r++) {
            long[] row = confusion[r];
            if (row == null || row.length != classes) {
                problems.add(element(at, r), "expected " + classes + " counts (one per class), found "
                        + (row == null ? "null" : row.length));
                valid = false;
                continue;
            }
            for (int c = 0; c < classes; c++) {
                if (row[c] < 0) {
                    problems.add(element(element(at, r), c), "expected a count >= 0, found " + row[c]);
                    valid = false;
                } else {
                    total = total > Long.MAX_VALUE - row[c] ? Long.MAX_VALUE : total + row[c];
                }
            }
        }
        if (valid && total != count) {
            problems.add(at, "expected counts summing to the test count " + count + ", found " + total);
            valid = false;
        }
        return valid;
    }

    /** One entry per class in class order; supports equal to the confusion matrix's rows when it is consistent. */
    private void perClass(String at, List<ClassMetrics> perClass, long[][] confusion, TaskSpec task) {
        if (perClass == null) {
            problems.add(at, "expected an array, found null");
            return;
        }
        if (task != null && perClass.size() != task.classes()) {
            problems.add(at, "expected " + task.classes() + " entries (one per class of the task " + task.describe()
                    + "), found " + perClass.size());
            return;
        }
        for (int k = 0; k < perClass.size(); k++) {
            String e = element(at, k);
            ClassMetrics m = perClass.get(k);
            if (m.label() != k) {
                problems.add(field(e, "label"), "expected " + k + " (classes in order), found " + m.label());
            }
            count(field(e, "support"), m.support());
            if (confusion != null && k < confusion.length) {
                long row = 0;
                for (long c : confusion[k]) {
                    row += c;
                }
                if (m.support() != row) {
                    problems.add(field(e, "support"), "expected " + row + " (row " + k + " of the confusion matrix), "
                            + "found " + m.support());
                }
            }
            fraction(field(e, "precision"), m.precision());
            fraction(field(e, "recall"), m.recall());
            fraction(field(e, "f1"), m.f1());
        }
    }

    private void misclassified(String at, List<Misclassified> images, TestSummary test, ExperimentSpec spec) {
        if (images == null) {
            problems.add(at, "expected an array, found null");
            return;
        }
        if (images.isEmpty()) {
            return;
        }
        if (images.size() > Misclassified.MAX_PER_RUN) {
            problems.add(at, "expected at most " + Misclassified.MAX_PER_RUN + " images, found " + images.size());
            return;
        }
        if (test == null) {
            problems.add(at, "expected none for a run without a test evaluation, found " + images.size());
            return;
        }
        TaskSpec task = task(spec);
        for (int i = 0; i < images.size(); i++) {
            String e = element(at, i);
            Misclassified m = images.get(i);
            if (m.index() < 0 || m.index() >= test.count()) {
                problems.add(field(e, "index"), "expected a test image 0-" + (test.count() - 1) + ", found " + m.index());
            }
            if (m.digit() < 0 || m.digit() > 9) {
                problems.add(field(e, "digit"), "expected a digit 0-9, found " + m.digit());
            }
            if (task != null) {
                int label = m.digit() < 0 || m.digit() > 9 ? m.label() : task.labelOf(m.digit());
                if (m.label() != label) {
                    problems.add(field(e, "label"), "expected " + label + " (the label of digit " + m.digit()
                            + " in the task " + task.describe() + "), found " + m.label());
                }
                if (m.predicted() < 0 || m.predicted() >= task.classes()) {
                    problems.add(field(e, "predicted"), "expected a class 0-" + (task.classes() - 1) + ", found "
                            + m.predicted());
                } else if (m.predicted() == m.label()) {
                    problems.add(field(e, "predicted"), "expected a class other than the label " + m.label()
                            + " (the image is a mistake), found " + m.predicted());
                }
            }
            fraction(field(e, "confidence"), m.confidence());
            pixels(field(e, "pixels"), m.pixels());
        }
    }

    private void pixels(String at, String pixels) {
        if (pixels == null) {
            problems.add(at, "expected base64 grey levels, found null");
            return;
        }
        try {
            int length = Base64.getDecoder().decode(pixels).length;
            if (length != Misclassified.PIXELS) {
                problems.add(at, "expected " + Misclassified.PIXELS + " grey levels (28×28), found " + length);
            }
        } catch (IllegalArgumentException e) {
            problems.add(at, "expected base64 grey levels, found " + notBase64(pixels));
        }
    }

    /** Where base64 text goes wrong, in words (the decoder's own message gives a character code in hex). */
    private static String notBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/' || c == '=';
            if (!alphabet) {
                return "a character base64 does not use at position " + i + " ("
                        + (Character.isISOControl(c) ? String.format(Locale.ROOT, "U+%04X", (int) c) : "'" + c + "'") + ")";
            }
        }
        return "base64 text of " + text.length() + " characters whose length or padding is wrong";
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
            fraction(field(at, "agreement"), p.agreement());
            count(field(at, "frameworkOnlyRight"), p.referenceOnlyRight());
            count(field(at, "scratchOnlyRight"), p.candidateOnlyRight());
            fraction(field(at, "mcNemarP"), p.mcNemarP());
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
            } else if (p.agreement() > 1 - (double) discordant / count + SAME) {
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
                        + quote(t.runBy()));
            }
            if (t.testCount() <= 0) {
                problems.add(field(at, "testCount"), "expected a positive integer, found " + t.testCount());
            }
            fraction(field(at, "maxAbsProbabilityDifference"), t.maxAbsProbabilityDifference());
            if (t.differingPredictions() < 0 || t.differingPredictions() > Math.max(0, t.testCount())) {
                problems.add(field(at, "differingPredictions"), "expected a count from 0 to testCount "
                        + t.testCount() + ", found " + t.differingPredictions());
            }
            fraction(field(at, "accuracyTrainedBy"), t.accuracyTrainedBy());
            fraction(field(at, "accuracyRunBy"), t.accuracyRunBy());
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
            nonNegative(field(at, "parameterDistance"), e.parameterDistance());
            nonNegative(field(at, "relativeDistance"), e.relativeDistance());
            nonNegative(field(at, "maxAbsParameterDiff"), e.maxAbsParameterDiff());
            nonNegative(field(at, "frameworkTrainingLoss"), e.referenceTrainingLoss());
            nonNegative(field(at, "scratchTrainingLoss"), e.candidateTrainingLoss());
            nonNegative(field(at, "frameworkValidationLoss"), e.referenceValidationLoss());
            nonNegative(field(at, "scratchValidationLoss"), e.candidateValidationLoss());
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
                    + quote(name));
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
                    + "), found " + quote(id));
        }
    }

    private void fraction(String at, double value) {
        if (!(value >= 0 && value <= 1)) {
            problems.add(at, "expected a number in [0, 1], found " + value);
        }
    }

    private void nonNegative(String at, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            problems.add(at, "expected a finite number >= 0, found " + value);
        }
    }

    private void count(String at, long value) {
        if (value < 0) {
            problems.add(at, "expected a count >= 0, found " + value);
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() <= 40 ? s : s.substring(0, 40) + "…";
        return "'" + shown + "'";
    }
}
