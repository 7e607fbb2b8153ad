package dev.digitslab.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(OptimizerSpec.Adam.DEFAULT_BETA2, ((OptimizerSpec.Adam) spec.optimizer()).beta2());
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
    void rejectsAFieldThatDoesNotBelongToTheOptimiserKindNamingIt() {
        assertMessage(MULTICLASS.replace("kind: adam", "kind: sgd, beta1: 0.9"),
                "optimizer.beta1: unknown field 'beta1' (known fields: learningRate)");
        assertMessage(MULTICLASS.replace("kind: adam", "kind: momentum, epsilon: 1e-8"),
                "optimizer.epsilon: unknown field 'epsilon' (known fields: learningRate, momentum, nesterov)");
        assertMessage(MULTICLASS.replace("kind: adam", "kind: adam, momentum: 0.9"),
                "optimizer.momentum: unknown field 'momentum' (known fields: beta1, beta2, epsilon, learningRate)");
    }

    @Test
    void namesAMissingOptimiserKind() {
        assertMessage(MULTICLASS.replace("kind: adam, ", ""), "optimizer.kind: missing (expected sgd, momentum or adam)");
    }

    @Test
    void eachOptimiserKindTakesItsDefaults() {
        assertEquals(OptimizerSpec.sgd(0.1), optimizer("{kind: sgd, learningRate: 0.1}"));
        assertEquals(new OptimizerSpec.Momentum(0.1, 0.9, false), optimizer("{kind: momentum, learningRate: 0.1}"));
        assertEquals(new OptimizerSpec.Adam(0.1, 0.9, 0.999, 1e-8), optimizer("{learningRate: 0.1, kind: adam}"));
    }

    @Test
    void eachOptimiserKindRoundTripsWithOnlyItsOwnFields() {
        ExperimentSpec base = SpecLoader.parseYaml(MULTICLASS, "m.yaml");
        for (OptimizerSpec optimizer : List.of(OptimizerSpec.sgd(0.05), OptimizerSpec.momentum(0.05, 0.5, true),
                new OptimizerSpec.Adam(2e-3, 0.8, 0.99, 1e-7))) {
            ExperimentSpec spec = new ExperimentSpec(base.name(), base.title(), base.data(), base.network(),
                    base.loss(), optimizer, base.l2(), base.init(), base.batchSize(), base.epochs(), base.seeds());
            String yaml = SpecLoader.toYaml(spec);
            assertEquals(spec, SpecLoader.parseYaml(yaml, "again.yaml"), yaml);
            assertEquals(spec, SpecLoader.load(new java.io.ByteArrayInputStream(
                    SpecLoader.toJson(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8)), "again.json"));
            String line = yaml.lines().filter(l -> l.startsWith("optimizer:")).findFirst().orElseThrow();
            assertEquals(switch (optimizer.kind()) {
                case SGD -> "optimizer: {kind: sgd, learningRate: 0.05}";
                case MOMENTUM -> "optimizer: {kind: momentum, learningRate: 0.05, momentum: 0.5, nesterov: true}";
                case ADAM -> "optimizer: {kind: adam, learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-7}";
            }, line);
        }
    }

    @Test
    void writesTheSpecFileStyleWithoutTypeTags() {
        String yaml = SpecLoader.toYaml(SpecLoader.parseYaml(MULTICLASS.replace("units: 128, activation: relu}",
                "units: 128, activation: relu}\n  - {type: batch-norm}"), "m.yaml"));
        assertFalse(yaml.contains("!"), yaml);
        assertTrue(yaml.contains("""
                data: {dataset: mnist, task: {kind: multiclass}, validationFraction: 0.1}
                network:
                  - {type: dense, units: 128, activation: relu}
                  - {type: batch-norm, decay: 0.9, epsilon: 1e-5}
                  - {type: dense, units: 10, activation: softmax}
                loss: categorical-cross-entropy
                optimizer: {kind: adam, learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8}
                l2: 0
                """), yaml);
        assertTrue(yaml.endsWith("seeds: [42, 43]\n"), yaml);
    }

    @Test
    void writesNumbersAsAPersonWritesThem() {
        assertEquals("0", SpecOutput.number(0.0));
        assertEquals("2", SpecOutput.number(2.0));
        assertEquals("-0.0", SpecOutput.number(-0.0)); // "-0" would read back as the integer 0
        assertEquals("0.001", SpecOutput.number(0.001));
        assertEquals("1e-8", SpecOutput.number(1e-8));
        assertEquals("2.5e-4", SpecOutput.number(2.5e-4));
        ExperimentSpec spec = SpecLoader.parseYaml(MULTICLASS, "m.yaml");
        ExperimentSpec withL2 = new ExperimentSpec(spec.name(), spec.title(), spec.data(), spec.network(), spec.loss(),
                OptimizerSpec.sgd(1.0), 1e-4, spec.init(), spec.batchSize(), spec.epochs(), spec.seeds());
        String yaml = SpecLoader.toYaml(withL2);
        assertTrue(yaml.contains("\noptimizer: {kind: sgd, learningRate: 1}\nl2: 1e-4\n"), yaml);
        assertEquals(withL2, SpecLoader.parseYaml(yaml, "again.yaml"));
    }

    @Test
    void aSavedSpecWithTheOldFlatOptimiserStillLoads() {
        // How model files stored their spec before each optimiser kind had its own record: every field, every kind.
        String saved = """
                {"name": "multiclass", "data": {"dataset": "mnist", "task": {"kind": "multiclass"},
                 "validationFraction": 0.1},
                 "network": [{"type": "dense", "units": 128, "activation": "relu"},
                             {"type": "dense", "units": 10, "activation": "softmax"}],
                 "loss": "categorical-cross-entropy",
                 "optimizer": {"kind": "%s", "learningRate": 0.01, "momentum": 0.9, "nesterov": false,
                               "beta1": 0.9, "beta2": 0.999, "epsilon": 1.0E-8},
                 "l2": 0.0, "init": "xavier", "batchSize": 32, "epochs": 10, "seeds": [42]}
                """;
        assertEquals(OptimizerSpec.sgd(0.01), SpecLoader.parseSaved(saved.formatted("sgd"), "m.bin").optimizer());
        assertEquals(OptimizerSpec.momentum(0.01, 0.9, false),
                SpecLoader.parseSaved(saved.formatted("momentum"), "m.bin").optimizer());
        assertEquals(OptimizerSpec.adam(0.01), SpecLoader.parseSaved(saved.formatted("adam"), "m.bin").optimizer());
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecLoader.parseYaml(saved.formatted("sgd"), "spec.json"));
        assertTrue(e.getMessage().contains("optimizer.momentum: unknown field 'momentum'"), e.getMessage());
    }

    @Test
    void aSavedSpecIsStillCheckedForEveryOtherUnknownField() {
        String saved = SpecLoader.toJson(SpecLoader.parseYaml(MULTICLASS, "m.yaml")).replace("\"units\"", "\"width\"");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecLoader.parseSaved(saved, "m.bin"));
        assertTrue(e.getMessage().contains("network[0].width: unknown field 'width'"), e.getMessage());
    }

    private static OptimizerSpec optimizer(String yaml) {
        return SpecLoader.parseYaml(MULTICLASS.replace("{kind: adam, learningRate: 0.001}", yaml), "o.yaml").optimizer();
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

    @Test
    void aNullLayerOrSeedIsNamedNotANullPointer() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecLoader.parseYaml(MULTICLASS
                .replace("  - {type: dense, units: 10, activation: softmax}", "  - {type: dense, units: 10, activation: softmax}\n  - null")
                .replace("seeds: [42, 43]", "seeds: [42, null]"), "nulls.yaml"));
        assertEquals(List.of("network[1].activation: softmax is only allowed on the output layer",
                "network[2]: expected a layer, found null",
                "network[2]: expected the output layer to be dense, found null",
                "seeds[1]: expected an integer, found null"), e.problems());
    }

    private static void assertMessage(String yaml, String... parts) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecLoader.parseYaml(yaml, "s.yaml"));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
