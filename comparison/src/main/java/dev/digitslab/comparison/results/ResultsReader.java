package dev.digitslab.comparison.results;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.eval.ClassMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link StudyResults} from the JSON tree of a results file, field by field with {@link JsonFields}, so a
 * missing, null or mistyped field is a problem at its path rather than a default value or a Jackson message.
 * Each embedded spec is read as a saved spec ({@link SpecLoader#parseSaved}), which also validates it. The field
 * names are those {@link ResultsFile#write} writes.
 */
final class ResultsReader {
    private final Problems problems;

    ResultsReader(Problems problems) {
        this.problems = problems;
    }

    /** The results, or null if the root is not an object; check {@link Problems} before using them. */
    StudyResults study(JsonFields root) {
        if (root == null) {
            return null;
        }
        int before = problems.found();
        String kindId = root.string("kind");
        StudyKind kind = StudyKind.COMPARISON; // a stand-in until the problems are reported
        if (problems.found() == before) {
            try {
                kind = StudyKind.fromId(kindId);
            } catch (IllegalArgumentException e) {
                problems.add("kind", e.getMessage());
            }
        }
        return new StudyResults(root.string("study"), kind, root.string("title"), root.numberOrNull("accuracyBar"),
                root.string("createdAt"), root.strings("environment"), specs(root.array("specs")),
                root.objects("runs").stream().map(this::run).toList(),
                root.objects("pairs").stream().map(ResultsReader::pair).toList(),
                root.objects("transfers").stream().map(ResultsReader::transfer).toList(),
                root.objects("lockstep").stream().map(ResultsReader::lockstep).toList(),
                root.has("sweep") ? root.stringList("sweep") : List.of(), overrides(root));
    }

    /** Per spec, the fields it was trained with unlike its catalogue spec; none in files from before they were kept. */
    private static Map<String, Map<String, String>> overrides(JsonFields root) {
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        JsonFields all = root.has("overrides") ? root.object("overrides") : null;
        if (all != null) {
            for (String spec : all.names()) {
                overrides.put(spec, all.strings(spec));
            }
        }
        return overrides;
    }

    private List<ExperimentSpec> specs(List<JsonFields.Element> elements) {
        List<ExperimentSpec> specs = new ArrayList<>();
        for (JsonFields.Element e : elements) {
            if (e.node() == null || !e.node().isObject()) {
                problems.add(e.path(), "expected a spec (a JSON object), found " + JsonFields.describe(e.node()));
                continue;
            }
            try {
                specs.add(SpecLoader.parseSaved(e.node().toString(), e.path()));
            } catch (InvalidSpecException invalid) {
                for (String problem : invalid.problems()) {
                    // The spec was handed over as one line of JSON: its line number says nothing about the file.
                    problems.addWithin(e.path(), problem.replaceFirst(" \\(line 1\\)$", ""));
                }
            }
        }
        return specs;
    }

    private RunResult run(JsonFields r) {
        JsonFields test = r.objectOrNull("test");
        return new RunResult(r.string("spec"), r.string("implementation"), r.longInteger("seed"), r.string("status"),
                r.stringOrNull("error"), r.objects("history").stream().map(ResultsReader::epoch).toList(),
                test == null ? null : test(test), r.number("secondsPerEpoch"), r.integer("parameterCount"),
                r.objects("misclassified").stream().map(ResultsReader::misclassified).toList(),
                memory(r.optionalObject("memory")));
    }

    /** Absent or null in results written before runs recorded memory. */
    private static RunMemory memory(JsonFields m) {
        return m == null ? null : new RunMemory(m.longInteger("peakHeapBytes"), m.longInteger("peakRssBytes"));
    }

    private static EpochRecord epoch(JsonFields e) {
        return new EpochRecord(e.integer("epoch"), e.number("seconds"), e.number("trainingLoss"),
                e.number("trainLoss"), e.number("trainAccuracy"), e.number("validationLoss"),
                e.number("validationAccuracy"));
    }

    private static TestSummary test(JsonFields t) {
        return new TestSummary(t.integer("count"), t.number("accuracy"), t.number("balancedAccuracy"),
                t.number("loss"), t.numberOrNull("rocAuc"), t.number("macroF1"),
                t.objects("perClass").stream().map(c -> new ClassMetrics(c.integer("label"), c.longInteger("support"),
                        c.number("precision"), c.number("recall"), c.number("f1"))).toList(),
                t.integerRows("confusion"));
    }

    private static Misclassified misclassified(JsonFields m) {
        return new Misclassified(m.integer("index"), m.integer("digit"), m.integer("label"), m.integer("predicted"),
                m.number("confidence"), m.string("pixels"));
    }

    private static PairComparison pair(JsonFields p) {
        return new PairComparison(p.string("spec"), p.longInteger("seed"), p.number("agreement"),
                p.longInteger("frameworkOnlyRight"), p.longInteger("scratchOnlyRight"), p.number("mcNemarP"));
    }

    private static TransferResult transfer(JsonFields t) {
        return new TransferResult(t.string("spec"), t.longInteger("seed"), t.string("trainedBy"), t.string("runBy"),
                t.integer("testCount"), t.number("maxAbsProbabilityDifference"), t.integer("differingPredictions"),
                t.number("accuracyTrainedBy"), t.number("accuracyRunBy"));
    }

    private static LockstepEpoch lockstep(JsonFields e) {
        return new LockstepEpoch(e.integer("epoch"), e.number("parameterDistance"), e.number("relativeDistance"),
                e.number("maxAbsParameterDiff"), e.number("frameworkTrainingLoss"), e.number("scratchTrainingLoss"),
                e.number("frameworkValidationLoss"), e.number("scratchValidationLoss"));
    }
}
