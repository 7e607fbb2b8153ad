package dev.digitslab.comparison.report;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecGrid;
import dev.digitslab.api.spec.SpecPath;
import dev.digitslab.comparison.eval.MeanInterval;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The points of a sweep study, from its results alone: each spec's values of the swept fields (read from the spec
 * itself) and, per implementation, its test accuracy over seeds as a mean with a 95% interval.
 */
final class SweepPoints {
    private SweepPoints() {
    }

    /**
     * One point of the sweep.
     *
     * @param values   the swept fields' values, in the order of {@link StudyResults#sweep()}, as a spec file writes them
     * @param accuracy per implementation (in run order), test accuracy over its successful seeds
     */
    record Point(ExperimentSpec spec, List<String> values, Map<String, MeanInterval> accuracy) {
    }

    /** The points in spec order (the grid's: the first swept field outermost). */
    static List<Point> of(StudyResults study) {
        List<SpecPath> paths = study.sweep().stream().map(SpecPath::parse).toList();
        List<Point> points = new ArrayList<>();
        for (ExperimentSpec spec : study.specs()) {
            List<String> values = paths.stream().map(p -> SpecGrid.valueAt(spec, p)).toList();
            Map<String, MeanInterval> accuracy = new LinkedHashMap<>();
            for (Map.Entry<String, List<RunResult>> e : study.runsByImplementation(spec.name()).entrySet()) {
                accuracy.put(e.getKey(), MeanInterval.of(e.getValue().stream().filter(RunResult::ok)
                        .mapToDouble(r -> r.test().accuracy()).toArray()));
            }
            points.add(new Point(spec, values, accuracy));
        }
        return points;
    }

    /** The implementations in the order their runs appear. */
    static List<String> implementations(List<Point> points) {
        List<String> ids = new ArrayList<>();
        points.forEach(p -> p.accuracy().keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add));
        return ids;
    }

    /** The implementation's point of highest mean test accuracy (the first of equals), if any run succeeded. */
    static Optional<Point> best(List<Point> points, String implementation) {
        return points.stream().filter(p -> p.accuracy().containsKey(implementation)
                        && p.accuracy().get(implementation).n() > 0)
                .max(Comparator.comparingDouble((Point p) -> p.accuracy().get(implementation).mean())
                        .thenComparing(p -> -points.indexOf(p)));
    }

    /** "optimizer.learningRate = 0.003, batchSize = 32": a point's values by field. */
    static String label(StudyResults study, Point point) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < study.sweep().size(); i++) {
            parts.add(study.sweep().get(i) + " = " + point.values().get(i));
        }
        return String.join(", ", parts);
    }
}
