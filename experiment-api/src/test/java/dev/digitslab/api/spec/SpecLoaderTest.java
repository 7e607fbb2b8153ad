package dev.digitslab.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    static final String MULTICLASS = """
            name: multiclass
            title: 784-128-10 with Adam
            data: {dataset: mnist, task: {kind: multiclass}, validationFraction: 0.1}
            network:
              - {type: dense, units: 128, activation: relu}
              - {type: dense, units: 10, activation: softmax}
            loss: categorical-cross-entropy
            optimizer: {kind: adam, learningRate: 0.001}
            batchSize: 32
            epochs: 10
            seeds: [42, 43]
            """;

    @Test
    void readsEveryFieldOfAYamlSpec() {
        ExperimentSpec spec = SpecLoader.parseYaml(MULTICLASS, "multiclass.yaml");
        assertEquals("multiclass", spec.name());
        assertEquals(new TaskSpec.Multiclass(), spec.task());
        assertEquals(0.1, spec.data().validationFraction());
        assertEquals(List.of(new LayerSpec.Dense(128, Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX)),
                spec.network());
        assertEquals(LossKind.CATEGORICAL_CROSS_ENTROPY, spec.loss());
        assertEquals(OptimizerSpec.Kind.ADAM, spec.optimizer().kind());
        assertEquals(0.001, spec.optimizer().learningRate());
        assertEquals(OptimizerSpec.DEFAULT_BETA2, spec.optimizer().beta2());
        assertEquals(0.0, spec.l2());
        assertEquals(InitScheme.XAVIER, spec.init());
        assertEquals(32, spec.batchSize());
        assertEquals(List.of(42L, 43L), spec.seeds());
    }

    @Test
    void yamlAndJsonRoundTripToTheSameSpec() throws IOException {
        ExperimentSpec spec = SpecLoader.parseYaml("""
                name: regularised
                data: {task: {kind: digit-vs-digit, negative: 0, positive: 1}}
                network:
                  - {type: dense, units: 64}
                  - {type: batch-norm, decay: 0.8}
                  - {type: activation, function: tanh}
                  - {type: dropout, rate: 0.25}
                  - {type: dense, units: 1, activation: sigmoid}
                loss: binary-cross-entropy
                optimizer: {kind: momentum, learningRate: 0.1, momentum: 0.5, nesterov: true}
                l2: 0.0001
                init: he-uniform
                batchSize: 16
                epochs: 2
                """, "inline.yaml");
        assertEquals(spec, SpecLoader.parseYaml(SpecLoader.toYaml(spec), "again.yaml"));
        assertEquals(spec, SpecLoader.load(new java.io.ByteArrayInputStream(
                SpecLoader.toJson(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8)), "again.json"));
        assertEquals(new LayerSpec.BatchNorm(0.8, LayerSpec.BatchNorm.DEFAULT_EPSILON), spec.network().get(1));
        assertEquals(List.of(ExperimentSpec.DEFAULT_SEED), spec.seeds());
    }

    @Test
    void loadsAFileByItsExtension(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("m.yml"), MULTICLASS);
        assertEquals("multiclass", SpecLoader.load(yaml).name());
        Path json = Files.writeString(dir.resolve("m.json"), SpecLoader.toJson(SpecLoader.load(yaml)));
        assertEquals(SpecLoader.load(yaml), SpecLoader.load(json));
    }

    @Test
    void rejectsAMissingFileNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecLoader.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("file not found"),
                e.getMessage());
    }

    @Test
    void rejectsAnUnknownFormat(@TempDir Path dir) throws IOException {
        Path txt = Files.writeString(dir.resolve("spec.txt"), MULTICLASS);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecLoader.load(txt));
        assertTrue(e.getMessage().contains(".yaml, .yml or .json"), e.getMessage());
    }

    @Test
    void namesAnUnknownFieldAndListsTheKnownOnes() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecLoader.parseYaml(MULTICLASS.replace("batchSize", "batchsize"), "typo.yaml"));
        assertTrue(e.getMessage().contains("typo.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown field 'batchsize'"), e.getMessage());
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    }

    @Test
    void namesAnUnknownLayerTypeWithItsPosition() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecLoader.parseYaml(MULTICLASS.replace("type: dense, units: 128", "type: conv, units: 128"),
                        "conv.yaml"));
        assertTrue(e.getMessage().contains("network[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown type 'conv'"), e.getMessage());
        assertTrue(e.getMessage().contains("dense, activation, dropout or batch-norm"), e.getMessage());
    }

    @Test
    void listsTheAcceptedNamesForAnUnknownActivationLossAndOptimiser() {
        assertMessage(MULTICLASS.replace("activation: relu", "activation: gelu"),
                "network[0].activation", "unknown Activation 'gelu'", "identity, relu, sigmoid, tanh, softmax");
        assertMessage(MULTICLASS.replace("loss: categorical-cross-entropy", "loss: hinge"),
                "loss", "unknown LossKind 'hinge'", "binary-cross-entropy, categorical-cross-entropy");
        assertMessage(MULTICLASS.replace("kind: adam", "kind: rmsprop"),
                "optimizer.kind", "unknown Kind 'rmsprop'", "sgd, momentum, adam");
    }

    @Test
    void reportsSyntaxErrorsWithTheLine() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecLoader.parseYaml("name: x\nnetwork: [\n", "broken.yaml"));
        assertTrue(e.getMessage().contains("broken.yaml") && e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void namesTheYamlSyntaxProblemNotOnlyWhereTheParserWas() throws IOException {
        // Found by SpecLoaderFuzzTest (exact input: the 'network:' key indented): the message used to stop at
        // SnakeYAML's context, "while parsing a block mapping (line 3)", without saying what was wrong.
        InvalidSpecException e = loadResource("fuzz-regressions/spec-network-key-indented.yaml");
        assertTrue(e.getMessage().contains("while parsing a block mapping: expected <block end>, but found "
                + "'<block mapping start>' (line 3)"), e.getMessage());
    }

    @Test
    void rejectsAKeyGivenTwice() throws IOException {
        // Found by SpecLoaderFuzzTest (exact input: the 'loss' line duplicated): a repeated key failed with
        // Jackson's "No fallback setter/field defined for creator property 'loss'", and a repeated key inside a
        // layer silently kept the last value. Both now name the key.
        InvalidSpecException e = loadResource("fuzz-regressions/spec-loss-key-twice.yml");
        assertTrue(e.getMessage().contains("Duplicate field 'loss' (line 31)"), e.getMessage());
        assertMessage(MULTICLASS.replace("units: 128,", "units: 128, units: 64,"),
                "network[0]: Duplicate field 'units'", "(line 5)");
        String json = SpecLoader.toJson(SpecLoader.parseYaml(MULTICLASS, "m.yaml"))
                .replace("\"epochs\" : 10,", "\"epochs\" : 10, \"epochs\" : 1,");
        InvalidSpecException j = assertThrows(InvalidSpecException.class, () -> SpecLoader.load(
                new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "twice.json"));
        assertTrue(j.getMessage().contains("Duplicate field 'epochs'"), j.getMessage());
    }

    private static InvalidSpecException loadResource(String name) throws IOException {
        try (java.io.InputStream in = SpecLoaderTest.class.getResourceAsStream("/" + name)) {
            return assertThrows(InvalidSpecException.class, () -> SpecLoader.load(in, name));
        }
    }

    @Test
    void validatesAfterParsing() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecLoader.parseYaml(MULTICLASS.replace("learningRate: 0.001", "learningRate: -1"), "neg.yaml"));
        assertEquals(List.of("optimizer.learningRate: expected a finite number > 0, found -1.0"), e.problems());
        assertInstanceOf(RuntimeException.class, e);
    }

    private static void assertMessage(String yaml, String... parts) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecLoader.parseYaml(yaml, "s.yaml"));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
