package dev.digitslab.comparison.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.results.TestSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two result sets compared, built in the test with known accuracies. */
class ResultsComparisonTest {
    private static final ExperimentSpec MULTICLASS = Catalogue.builtIn().study("multiclass").specs().get(0);

    private static RunResult run(String impl, long seed, double accuracy) {
        TestSummary test = new TestSummary(10000, accuracy, accuracy, 0.07, null, accuracy, List.of(), new long[0][]);
        return new RunResult(MULTICLASS.name(), impl, seed, RunResult.OK, null,
                List.of(new EpochRecord(1, 0.1, 0.02, 0.05, 0.99, 0.06, 0.98)), test, 1.0, 100, List.of());
    }

    private static StudyResults study(ExperimentSpec spec, Map<String, String> env, List<Long> seeds, double shift,
                                      boolean withScratch) {
        List<RunResult> runs = new ArrayList<>();
        double[] spread = {0.000, 0.003, -0.002, 0.001, -0.001};
        for (int i = 0; i < seeds.size(); i++) {
            runs.add(run("framework", seeds.get(i), 0.975 + spread[i] + shift + (i % 2 == 0 ? 0.0001 : -0.0001) * (shift != 0 ? 1 : 0)));
            if (withScratch) {
                runs.add(run("scratch", seeds.get(i), 0.978 + spread[i]));
            }
        }
        return new StudyResults("multiclass", StudyKind.COMPARISON, "Multiclass", 0.977, "2026-01-01T00:00:00Z", env,
                List.of(spec), runs, List.of(), List.of(), List.of());
    }

    @Test
    void sameSeedsArePairedAndASteadyShiftIsSignificant() {
        List<Long> seeds = List.of(42L, 43L, 44L, 45L, 46L);
        ResultsComparison c = ResultsComparison.of(List.of(study(MULTICLASS, Map.of(), seeds, 0, true)),
                List.of(study(MULTICLASS, Map.of(), seeds, 0.002, true)));
        AccuracyChange framework = c.changes().get(0);
        assertEquals("framework", framework.implementation());
        assertEquals("paired by seed", framework.test());
        assertEquals(0.002 + 0.0001 / 5, framework.change(), 1e-12);
        assertTrue(framework.significant(), "a 0.2-point shift on every seed, ±0.01 points of noise");
        AccuracyChange scratch = c.changes().get(1);
        assertEquals(0, scratch.change());
        assertEquals(1.0, scratch.pValue());
    }

    @Test
    void differentSeedsFallBackToWelch() {
        ResultsComparison c = ResultsComparison.of(
                List.of(study(MULTICLASS, Map.of(), List.of(42L, 43L, 44L), 0, false)),
                List.of(study(MULTICLASS, Map.of(), List.of(45L, 46L, 47L), 0, false)));
        AccuracyChange framework = c.changes().get(0);
        assertEquals("Welch (seeds differ)", framework.test());
        assertFalse(framework.significant());
    }

    @Test
    void whatOnlyOneSideRanIsListedNotCompared() {
        List<Long> seeds = List.of(42L, 43L);
        ResultsComparison c = ResultsComparison.of(List.of(study(MULTICLASS, Map.of(), seeds, 0, true)),
                List.of(study(MULTICLASS, Map.of(), seeds, 0, false)));
        assertEquals(1, c.changes().size());
        assertEquals(List.of("multiclass/multiclass/scratch"), c.onlyFirst());
        assertEquals(List.of(), c.onlySecond());
    }

    @Test
    void specFieldsAndEnvironmentEntriesThatDifferAreNamed() {
        ExperimentSpec quick = MULTICLASS.withEpochs(2);
        List<Long> seeds = List.of(42L, 43L);
        ResultsComparison c = ResultsComparison.of(
                List.of(study(MULTICLASS, Map.of("cpu", "AMD", "java.version", "17"), seeds, 0, true)),
                List.of(study(quick, Map.of("cpu", "Intel", "java.version", "17", "threads", "2"), seeds, 0, true)));
        assertEquals(List.of("multiclass/multiclass: epochs: " + MULTICLASS.epochs() + " → 2"), c.specChanges());
        assertEquals(Map.of("cpu", List.of("AMD", "Intel"), "threads", List.of("(none)", "2")), c.environment());
    }

    @Test
    void nestedSpecFieldsFlattenToPaths() {
        Map<String, String> fields = ResultsComparison.flatten(MULTICLASS);
        assertEquals("0.001", fields.get("optimizer.learningRate"));
        assertEquals("128", fields.get("network[0].units"));
    }
}
