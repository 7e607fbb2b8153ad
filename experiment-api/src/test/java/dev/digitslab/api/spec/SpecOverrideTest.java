package dev.digitslab.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecOverrideTest {
    private static final ExperimentSpec BASE = SpecLoader.parseYaml(SpecLoaderTest.MULTICLASS, "multiclass.yaml");

    private static ExperimentSpec apply(String... arguments) {
        List<SpecOverride> overrides = Arrays.stream(arguments).map(SpecOverride::parse).toList();
        SpecSweep.requireDistinct(overrides, List.of());
        return SpecLoader.withOverrides(BASE, overrides, "multiclass with --set");
    }

    /** The one problem of a rejected override, as the command line prints it after the spec's name. */
    private static String problem(String... arguments) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> apply(arguments));
        if (e instanceof InvalidSpecException invalid) {
            assertEquals(1, invalid.problems().size(), invalid.getMessage());
            return invalid.problems().get(0);
        }
        return e.getMessage();
    }

    @Test
    void setsFieldsByPathIncludingListElements() {
        ExperimentSpec spec = apply("optimizer.learningRate=0.003", "l2=1e-4", "network[0].units=256",
                "seeds=[1, 2, 3]", "data.subset=500", "network[0].activation=tanh");
        assertEquals(0.003, spec.optimizer().learningRate());
        assertEquals(1e-4, spec.l2());
        assertEquals(new LayerSpec.Dense(256, Activation.TANH), spec.network().get(0));
        assertEquals(List.of(1L, 2L, 3L), spec.seeds());
        assertEquals(500, spec.data().subset());
        assertEquals(BASE.batchSize(), spec.batchSize());
    }

    @Test
    void replacesAWholeObjectSuchAsTheOptimiser() {
        ExperimentSpec spec = apply("optimizer={kind: sgd, learningRate: 0.1}");
        assertEquals(new OptimizerSpec.Sgd(0.1), spec.optimizer());
    }

    @Test
    void unknownPathNamesTheFieldAndTheKnownOnes() {
        String p = problem("optimizer.lr=0.1");
        assertTrue(p.startsWith("optimizer.lr: unknown field 'lr'") && p.contains("learningRate"), p);
        assertTrue(problem("batchsize=64").contains("unknown field 'batchsize'"));
    }

    @Test
    void indexOutsideTheListIsRefused() {
        assertEquals("network[5]: expected an index from 0 to 1 (network has 2 elements), found 5",
                problem("network[5].units=10"));
    }

    @Test
    void valueOfTheWrongKindIsRefusedBeforeAnyConversion() {
        assertEquals("batchSize: expected an integer, found 'abc'", problem("batchSize=abc"));
        assertEquals("batchSize: expected an integer, found the number 32.5", problem("batchSize=32.5"));
        assertEquals("optimizer.learningRate: expected a number, found 'fast'", problem("optimizer.learningRate=fast"));
        assertTrue(problem("seeds=42").startsWith("seeds: expected a list such as [42, 43], found the number 42"));
        assertTrue(problem("loss=hinge").contains("unknown"), problem("loss=hinge"));
    }

    @Test
    void valueOutOfRangeIsCaughtByTheSpecValidation() {
        assertEquals("optimizer.learningRate: expected a finite number > 0, found -0.1",
                problem("optimizer.learningRate=-0.1"));
        assertEquals("network[1].units: the task 0-9 needs 10 output unit(s), found 3",
                problem("network[1].units=3"));
    }

    @Test
    void malformedArgumentsSayWhatTheyLack() {
        assertTrue(problem("l2").contains("expected PATH=VALUE"));
        assertTrue(problem("l2=").contains("expected a value after '='"));
        assertTrue(problem("optimizer..learningRate=1").contains("expected a spec field path"));
        assertTrue(problem("network[x].units=1").contains("expected a spec field path"));
    }

    @Test
    void aFieldSetTwiceIsRefused() {
        assertTrue(problem("l2=0.1", "l2=0.2").contains("set twice"));
        assertTrue(problem("optimizer={kind: sgd, learningRate: 0.1}", "optimizer.learningRate=0.2")
                .contains("overlaps"));
    }

    @Test
    void differencesListTheChangedFieldsWithTheirNewValues() {
        ExperimentSpec spec = apply("optimizer.learningRate=0.003", "data.subset=500", "epochs=2");
        assertEquals(Map.of("optimizer.learningRate", "0.003", "data.subset", "500", "epochs", "2"),
                SpecLoader.differences(BASE, spec));
        assertEquals(Map.of(), SpecLoader.differences(BASE, BASE));
        assertEquals(Map.of("seeds", "[7]"), SpecLoader.differences(BASE, BASE.withSeeds(List.of(7L))));
    }
}
