package dev.digitslab.comparison.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Two result sets compared: accuracy changes of what both ran, what only one ran, and which spec fields and
 * environment entries differ.
 *
 * @param changes      per study, spec and implementation that both sets ran successfully at least once
 * @param onlyFirst    "study/spec/implementation" run only in the first set
 * @param onlySecond   run only in the second
 * @param specChanges  spec fields that differ, per spec in both: "spec: path: first → second"
 * @param environment  environment entries that differ (of the first study of each set): key → {first, second}
 */
public record ResultsComparison(List<AccuracyChange> changes, List<String> onlyFirst, List<String> onlySecond,
                                List<String> specChanges, Map<String, List<String>> environment) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING = "(none)";

    public static ResultsComparison of(List<StudyResults> first, List<StudyResults> second) {
        Map<String, List<RunResult>> a = runs(first);
        Map<String, List<RunResult>> b = runs(second);
        List<AccuracyChange> changes = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : a.entrySet()) {
            List<RunResult> other = b.get(e.getKey());
            if (other != null && e.getValue().stream().anyMatch(RunResult::ok) && other.stream().anyMatch(RunResult::ok)) {
                String[] key = e.getKey().split("/", 3);
                changes.add(AccuracyChange.of(key[0], key[1], key[2], e.getValue(), other));
            }
        }
        List<String> onlyFirst = a.keySet().stream().filter(k -> !b.containsKey(k)).toList();
        List<String> onlySecond = b.keySet().stream().filter(k -> !a.containsKey(k)).toList();
        return new ResultsComparison(changes, onlyFirst, onlySecond, specChanges(first, second),
                environment(first, second));
    }

    /** "study/spec/implementation" → runs, in the set's order. */
    private static Map<String, List<RunResult>> runs(List<StudyResults> studies) {
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        for (StudyResults s : studies) {
            for (RunResult r : s.runs()) {
                runs.computeIfAbsent(s.study() + "/" + r.spec() + "/" + r.implementation(), k -> new ArrayList<>()).add(r);
            }
        }
        return runs;
    }

    private static List<String> specChanges(List<StudyResults> first, List<StudyResults> second) {
        Map<String, ExperimentSpec> b = specs(second);
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, ExperimentSpec> e : specs(first).entrySet()) {
            ExperimentSpec other = b.get(e.getKey());
            if (other == null) {
                continue;
            }
            Map<String, String> x = flatten(e.getValue());
            Map<String, String> y = flatten(other);
            Set<String> paths = new LinkedHashSet<>(x.keySet());
            paths.addAll(y.keySet());
            for (String path : paths) {
                String u = x.getOrDefault(path, MISSING);
                String v = y.getOrDefault(path, MISSING);
                if (!u.equals(v)) {
                    changes.add(e.getKey() + ": " + path + ": " + u + " → " + v);
                }
            }
        }
        return changes;
    }

    private static Map<String, ExperimentSpec> specs(List<StudyResults> studies) {
        Map<String, ExperimentSpec> specs = new LinkedHashMap<>();
        studies.forEach(s -> s.specs().forEach(spec -> specs.putIfAbsent(s.study() + "/" + spec.name(), spec)));
        return specs;
    }

    /** A spec as field path → value, the way results.json stores it: "optimizer.learningRate" → "0.001". */
    static Map<String, String> flatten(ExperimentSpec spec) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            flatten("", JSON.readTree(ResultsFile.toJson(spec)), fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // our own JSON
        }
        return fields;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> fields) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), fields);
            }
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), fields);
            }
        } else {
            fields.put(path, node.isTextual() ? node.asText() : node.toString());
        }
    }

    private static Map<String, List<String>> environment(List<StudyResults> first, List<StudyResults> second) {
        Map<String, String> x = first.isEmpty() ? Map.of() : first.get(0).environment();
        Map<String, String> y = second.isEmpty() ? Map.of() : second.get(0).environment();
        Set<String> keys = new LinkedHashSet<>(x.keySet());
        keys.addAll(y.keySet());
        Map<String, List<String>> differ = new LinkedHashMap<>();
        for (String k : keys) {
            if (!Objects.equals(x.get(k), y.get(k))) {
                differ.put(k, List.of(x.getOrDefault(k, MISSING), y.getOrDefault(k, MISSING)));
            }
        }
        return differ;
    }
}
