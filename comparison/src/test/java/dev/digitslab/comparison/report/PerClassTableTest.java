package dev.digitslab.comparison.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.eval.Evaluator;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.TestSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-class table: task class names in label order, implementations side by side, means over seeds. */
class PerClassTableTest {
    private static final ExperimentSpec ZERO_VS_REST = Catalogue.builtIn().study("zero-vs-rest").specs().get(0);

    /** A 0-vs-rest run on four images: labels 1 (the digit 0) and 0 (not 0); P(label 1) per image. */
    private static RunResult run(String impl, long seed, float... pOfZero) {
        TestSummary test = TestSummary.of(Evaluator.evaluate(pOfZero, 1, new int[] {1, 1, 0, 0}));
        return new RunResult(ZERO_VS_REST.name(), impl, seed, RunResult.OK, null, List.of(), test, 1, 100, List.of());
    }

    @Test
    void namesTheBinaryClassesAsTheTaskDoesAndAveragesSeeds() {
        Map<String, List<RunResult>> byImpl = new LinkedHashMap<>();
        // framework: seed 42 all right; seed 43 calls one 0 "not 0" (recall of 0: 1 then 0.5)
        byImpl.put("framework", List.of(run("framework", 42, 0.9f, 0.8f, 0.1f, 0.2f),
                run("framework", 43, 0.9f, 0.3f, 0.1f, 0.2f)));
        // scratch: one seed, calls a "not 0" 0 (precision of 0: 2/3)
        byImpl.put("scratch", List.of(run("scratch", 42, 0.9f, 0.8f, 0.7f, 0.2f),
                new RunResult(ZERO_VS_REST.name(), "scratch", 43, RunResult.FAILED, "diverged", List.of(), null,
                        Double.NaN, 0, List.of())));
        ReportDocument.Table table = PerClassTable.of(ZERO_VS_REST, byImpl);

        assertEquals(List.of("class", "support", "precision (framework / scratch)", "recall (framework / scratch)",
                "F1 (framework / scratch)"), table.header());
        assertEquals(List.of("not 0", "2", "0.8333 / 1.0000", "1.0000 / 0.5000", "0.9000 / 0.6667"),
                table.rows().get(0));
        assertEquals(List.of("0", "2", "1.0000 / 0.6667", "0.7500 / 1.0000", "0.8333 / 0.8000"), table.rows().get(1));
        assertEquals(List.of("macro average", "4", "0.9167 / 0.8333", "0.8750 / 0.7500", "0.8667 / 0.7333"),
                table.rows().get(2));
        assertEquals("mean over 2 seeds", PerClassTable.seedsText(byImpl));
    }

    @Test
    void aSpecWithoutASuccessfulRunHasNoTable() {
        assertNull(PerClassTable.of(ZERO_VS_REST, Map.of("framework", List.of(new RunResult(ZERO_VS_REST.name(),
                "framework", 42, RunResult.FAILED, "diverged", List.of(), null, Double.NaN, 0, List.of())))));
    }

    @Test
    void summaryRowsOfAStudyRunningAnotherStudysSpecNameTheStudy() {
        assertEquals("weight-transfer: multiclass", ReportAssembler.experimentLabel("weight-transfer", "multiclass"));
        assertEquals("multiclass", ReportAssembler.experimentLabel("multiclass", "multiclass"));
        assertEquals("regularisation-l2", ReportAssembler.experimentLabel("regularisation", "regularisation-l2"));
    }
}
