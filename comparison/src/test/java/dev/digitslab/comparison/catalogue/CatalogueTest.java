package dev.digitslab.comparison.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.spec.TaskSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void holdsTheSixSeedNotebookStudiesInOrder() {
        List<String> names = Catalogue.builtIn().studies().stream().map(Study::name).toList();
        assertEquals(List.of("zero-vs-one", "zero-vs-rest", "multiclass", "regularisation", "weight-transfer",
                "lockstep"), names);
    }

    @Test
    void regularisationStudyHasFiveVariantsOfTheSameNetwork() {
        Study study = Catalogue.builtIn().study("regularisation");
        assertEquals(5, study.specs().size());
        for (ExperimentSpec spec : study.specs()) {
            long dense = spec.network().stream().filter(l -> l instanceof LayerSpec.Dense).count();
            assertEquals(3, dense, spec.name());
            assertEquals(128, spec.batchSize());
        }
        assertTrue(study.specs().get(1).l2() > 0, "the L2 variant has a penalty");
    }

    @Test
    void regularisationVariantsShareAtLeastFiveSeedsSoTheirEffectsCanBePairedBySeed() {
        List<ExperimentSpec> specs = Catalogue.builtIn().study("regularisation").specs();
        assertTrue(specs.get(0).seeds().size() >= 5, "seeds: " + specs.get(0).seeds());
        for (ExperimentSpec spec : specs) {
            assertEquals(specs.get(0).seeds(), spec.seeds(), spec.name());
        }
    }

    @Test
    void specsMatchTheNotebooksTasks() {
        Catalogue c = Catalogue.builtIn();
        assertEquals(new TaskSpec.DigitVsDigit(0, 1), c.study("zero-vs-one").specs().get(0).task());
        assertEquals(new TaskSpec.DigitVsRest(0), c.study("zero-vs-rest").specs().get(0).task());
        assertEquals(new TaskSpec.Multiclass(), c.study("multiclass").specs().get(0).task());
    }

    @Test
    void everySpecIsWrittenWithoutTypeTagsOrForeignFieldsAndReadsBackEqual() throws IOException {
        Map<OptimizerSpec.Kind, Set<String>> fields = Map.of(
                OptimizerSpec.Kind.SGD, Set.of("kind", "learningRate"),
                OptimizerSpec.Kind.MOMENTUM, Set.of("kind", "learningRate", "momentum", "nesterov"),
                OptimizerSpec.Kind.ADAM, Set.of("kind", "learningRate", "beta1", "beta2", "epsilon"));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Study study : Catalogue.builtIn().studies()) {
            for (ExperimentSpec spec : study.specs()) {
                String text = SpecLoader.toYaml(spec);
                assertFalse(text.contains("!"), text);
                assertTrue(text.contains("\n  - {type: dense, units: "), text);
                assertTrue(text.contains("\ndata: {dataset: mnist, task: {kind: "), text);
                assertFalse(text.matches("(?s).*[0-9]\\.0\\b.*|.*[0-9]E.*"), text); // 0, 1e-8: not 0.0, 1.0E-8
                assertEquals(spec, SpecLoader.parseYaml(text, spec.name() + ".yaml"));
                assertEquals(spec, SpecLoader.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        spec.name() + ".yaml"));
                assertEquals(spec, SpecLoader.load(new ByteArrayInputStream(
                        SpecLoader.toJson(spec).getBytes(StandardCharsets.UTF_8)), spec.name() + ".json"));
                Map<?, ?> optimizer = (Map<?, ?>) yaml.readValue(text, Map.class).get("optimizer");
                assertEquals(fields.get(spec.optimizer().kind()), optimizer.keySet(), text);
            }
        }
    }

    @Test
    void rejectsAnUnknownStudyKindListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyKind.fromId("compare"));
        assertEquals("unknown study kind 'compare' (expected one of: comparison, weight-transfer, lockstep)",
                e.getMessage());
    }

    @Test
    void rejectsAnUnknownStudyListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Catalogue.builtIn().study("multi-class"));
        assertTrue(e.getMessage().contains("unknown experiment 'multi-class'") && e.getMessage().contains("multiclass"),
                e.getMessage());
    }

    @Test
    void rejectsDuplicateStudyNames() {
        Study one = Catalogue.builtIn().study("multiclass");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Catalogue.of(List.of(one, one)));
        assertTrue(e.getMessage().contains("duplicate study name 'multiclass'"), e.getMessage());
    }

    @Test
    void rejectsTwoDifferentSpecsWithTheSameName() {
        Catalogue c = Catalogue.builtIn();
        ExperimentSpec multiclass = c.study("multiclass").specs().get(0);
        Study clash = new Study("other", StudyKind.COMPARISON, "t", null, List.of(multiclass.withEpochs(1)));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> Catalogue.of(List.of(c.study("multiclass"), clash)));
        assertTrue(e.getMessage().contains("two different specs are named 'multiclass'"), e.getMessage());
    }
}
