package dev.digitslab.comparison.report;

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
import dev.digitslab.comparison.run.Implementations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The regularisation study's reading and effects, from results built in the test with known per-seed values. */
class VariantsSectionTest {
    private static final long[] SEEDS = {42, 43, 44, 45, 46};
    /** Seed-to-seed spread, shared by every variant of one seed (what pairing cancels). */
    private static final double[] SEED_SHIFT = {0.000, 0.004, -0.003, 0.002, -0.001};

    private static RunResult run(String spec, String impl, int seedIndex, double accuracy, double gap) {
        List<EpochRecord> history = List.of(new EpochRecord(1, 0.1, 0.02, 0.05, 0.99, 0.05 + gap, 0.98));
        TestSummary test = new TestSummary(10000, accuracy, accuracy, 0.07, null, accuracy, List.of(), new long[0][]);
        return new RunResult(spec, impl, SEEDS[seedIndex], RunResult.OK, null, history, test, 1.0, 100, List.of());
    }

    /** none at 98.0%; l2 at +0.2 points ± noise with a smaller gap; dropout at −0.1 ± noise, same gap. */
    private static StudyResults study() {
        List<ExperimentSpec> specs = Catalogue.builtIn().study("regularisation").specs().subList(0, 3);
        double[] noise = {0.0003, -0.0002, 0.0001, -0.0001, 0.0002};
        List<RunResult> runs = new ArrayList<>();
        for (String impl : List.of("framework", "scratch")) {
            for (int i = 0; i < SEEDS.length; i++) {
                double base = 0.98 + SEED_SHIFT[i];
                runs.add(run(specs.get(0).name(), impl, i, base, 0.05));
                runs.add(run(specs.get(1).name(), impl, i, base + 0.002 + noise[i], 0.03 + noise[i]));
                runs.add(run(specs.get(2).name(), impl, i, base - 0.001 + noise[(i + 2) % 5] * 10, 0.05));
            }
        }
        return new StudyResults("regularisation", StudyKind.COMPARISON, "Regularisation", 0.984, "2026-01-01T00:00:00Z",
                Map.of(), specs, runs, List.of(), List.of(), List.of());
    }

    @Test
    void effectsArePairedBySeedAgainstTheBaseline() {
        List<VariantEffects> effects = VariantEffects.of(study());
        assertEquals(4, effects.size()); // 2 implementations x 2 variants
        VariantEffects l2 = effects.get(0);
        assertEquals("framework", l2.implementation());
        assertEquals("l2", l2.variant());
        assertEquals(5, l2.accuracy().n());
        assertEquals(0.002 + 0.0003 / 5, l2.accuracy().mean(), 1e-12);
        assertTrue(l2.accuracy().significant(), "a steady gain much larger than its noise is significant");
        assertEquals(-0.02 + 0.0003 / 5, l2.gap().mean(), 1e-12);
        assertTrue(l2.confirmsClaim());
        VariantEffects dropout = effects.get(1);
        assertFalse(dropout.accuracy().significant(), "a loss of 0.1 points within noise of ±0.3 is not");
        assertFalse(dropout.confirmsClaim());
    }

    @Test
    void readingNamesWhatHelpsAndWhetherTheClaimHolds() {
        String reading = new VariantsSection(Implementations.discover()).reading(study());
        assertTrue(reading.contains("Framework (5 seeds)"), reading);
        assertTrue(reading.contains("Significantly better than none: l2; significantly worse: no variant"), reading);
        assertTrue(reading.contains("holds framework for l2; scratch for l2"), reading);
        assertTrue(reading.contains("**l2 +0.21 ["), reading);
    }

    @Test
    void oneSeedCallsNothingBetter() {
        StudyResults all = study();
        StudyResults one = new StudyResults(all.study(), all.kind(), all.title(), all.accuracyBar(), all.createdAt(),
                all.environment(), all.specs(), all.runs().stream().filter(r -> r.seed() == 42).toList(),
                List.of(), List.of(), List.of());
        String reading = new VariantsSection(Implementations.discover()).reading(one);
        assertTrue(reading.contains("one seed cannot separate"), reading);
        assertFalse(reading.contains("Significantly better"), reading);
    }
}
