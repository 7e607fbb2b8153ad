package dev.digitslab.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private static ExperimentSpec valid() {
        return new ExperimentSpec("multiclass", "t", new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null),
                List.of(new LayerSpec.Dense(128, Activation.RELU), new LayerSpec.Dropout(0.2),
                        new LayerSpec.Dense(10, Activation.SOFTMAX)),
                LossKind.CATEGORICAL_CROSS_ENTROPY, OptimizerSpec.adam(1e-3), 0.0, InitScheme.HE, 32, 3, null);
    }

    private static ExperimentSpec withNetwork(ExperimentSpec s, List<LayerSpec> layers) {
        return new ExperimentSpec(s.name(), s.title(), s.data(), layers, s.loss(), s.optimizer(), s.l2(), s.init(),
                s.batchSize(), s.epochs(), s.seeds());
    }

    private static ExperimentSpec withTask(ExperimentSpec s, TaskSpec task) {
        return s.withData(new DataSpec("mnist", task, 0.1, null));
    }

    private static void assertProblem(ExperimentSpec spec, String expected) {
        List<String> problems = SpecValidator.problems(spec);
        assertTrue(problems.contains(expected), "expected problem '" + expected + "' in " + problems);
    }

    @Test
    void acceptsAValidSpec() {
        assertEquals(List.of(), SpecValidator.problems(valid()));
    }

    @Test
    void rejectsBadNames() {
        ExperimentSpec s = valid();
        assertProblem(new ExperimentSpec("Multi Class", null, s.data(), s.network(), s.loss(), s.optimizer(), null,
                null, 32, 3, null), "name: expected lower-case letters, digits and dashes, found 'Multi Class'");
    }

    @Test
    void rejectsZeroOrNegativeSizes() {
        ExperimentSpec s = valid();
        List<LayerSpec> layers = new ArrayList<>(s.network());
        layers.set(0, new LayerSpec.Dense(0, Activation.RELU));
        assertProblem(withNetwork(s, layers), "network[0].units: expected a positive integer, found 0");
        assertProblem(s.withBatchSize(-4), "batchSize: expected a positive integer, found -4");
        assertProblem(s.withEpochs(0), "epochs: expected a positive integer, found 0");
    }

    @Test
    void rejectsNegativeLayerWidths() {
        ExperimentSpec s = valid();
        List<LayerSpec> layers = new ArrayList<>(s.network());
        layers.set(0, new LayerSpec.Dense(-5, Activation.RELU));
        assertProblem(withNetwork(s, layers), "network[0].units: expected a positive integer, found -5");
    }

    @Test
    void rejectsNonPositiveLearningRates() {
        ExperimentSpec s = valid();
        for (double lr : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            ExperimentSpec bad = new ExperimentSpec(s.name(), s.title(), s.data(), s.network(), s.loss(),
                    OptimizerSpec.sgd(lr), s.l2(), s.init(), s.batchSize(), s.epochs(), s.seeds());
            assertProblem(bad, "optimizer.learningRate: expected a finite number > 0, found " + lr);
        }
    }

    @Test
    void checksTheFieldsOfEachOptimiserKind() {
        ExperimentSpec s = valid();
        assertEquals(List.of("optimizer.momentum: expected a number in [0, 1), found 1.0"),
                SpecValidator.problems(withOptimizer(s, OptimizerSpec.momentum(0.1, 1.0, false))));
        assertEquals(List.of("optimizer.beta1: expected a number in [0, 1), found 1.0",
                        "optimizer.beta2: expected a number in [0, 1), found -0.1",
                        "optimizer.epsilon: expected a finite number > 0, found 0.0"),
                SpecValidator.problems(withOptimizer(s, new OptimizerSpec.Adam(0.1, 1.0, -0.1, 0.0))));
        assertEquals(List.of(), SpecValidator.problems(withOptimizer(s, OptimizerSpec.sgd(0.1))));
    }

    private static ExperimentSpec withOptimizer(ExperimentSpec s, OptimizerSpec optimizer) {
        return new ExperimentSpec(s.name(), s.title(), s.data(), s.network(), s.loss(), optimizer, s.l2(), s.init(),
                s.batchSize(), s.epochs(), s.seeds());
    }

    @Test
    void rejectsDropoutRatesOutsideZeroToOne() {
        ExperimentSpec s = valid();
        for (double rate : new double[] {1.0, -0.1, 1.5}) {
            List<LayerSpec> layers = new ArrayList<>(s.network());
            layers.set(1, new LayerSpec.Dropout(rate));
            assertProblem(withNetwork(s, layers), "network[1].rate: expected a drop probability in [0, 1), found " + rate);
        }
    }

    @Test
    void rejectsASoftmaxOutputOnABinaryTask() {
        ExperimentSpec s = withTask(valid(), new TaskSpec.DigitVsRest(0));
        assertProblem(s, "network[2].units: the task 0 vs rest needs 1 output unit(s), found 10");
        assertProblem(s, "loss: the task 0 vs rest needs binary-cross-entropy, found categorical-cross-entropy");
    }

    @Test
    void rejectsASoftmaxOutputOnABinaryTaskEvenWithTheBinaryLoss() {
        ExperimentSpec s = withTask(valid(), new TaskSpec.DigitVsDigit(0, 1));
        List<LayerSpec> layers = new ArrayList<>(s.network());
        layers.set(2, new LayerSpec.Dense(1, Activation.SOFTMAX));
        ExperimentSpec bad = new ExperimentSpec(s.name(), s.title(), s.data(), layers, LossKind.BINARY_CROSS_ENTROPY,
                s.optimizer(), s.l2(), s.init(), s.batchSize(), s.epochs(), s.seeds());
        assertEquals(List.of("network[2].activation: loss binary-cross-entropy needs a sigmoid output, found softmax"),
                SpecValidator.problems(bad));
    }

    @Test
    void rejectsASigmoidOutputWithTenClassesEvenWithTheBinaryLoss() {
        ExperimentSpec s = valid();
        List<LayerSpec> layers = new ArrayList<>(s.network());
        layers.set(2, new LayerSpec.Dense(10, Activation.SIGMOID));
        ExperimentSpec bad = new ExperimentSpec(s.name(), s.title(), s.data(), layers, LossKind.BINARY_CROSS_ENTROPY,
                s.optimizer(), s.l2(), s.init(), s.batchSize(), s.epochs(), s.seeds());
        assertEquals(List.of("loss: the task 0-9 needs categorical-cross-entropy, found binary-cross-entropy"),
                SpecValidator.problems(bad));
    }

    @Test
    void rejectsASigmoidOutputWithTenClasses() {
        ExperimentSpec s = valid();
        List<LayerSpec> layers = new ArrayList<>(s.network());
        layers.set(2, new LayerSpec.Dense(10, Activation.SIGMOID));
        assertProblem(withNetwork(s, layers),
                "network[2].activation: loss categorical-cross-entropy needs a softmax output, found sigmoid");
    }

    @Test
    void rejectsAnOutputWidthThatDoesNotMatchTheTask() {
        ExperimentSpec s = valid();
        List<LayerSpec> layers = new ArrayList<>(s.network());
        layers.set(2, new LayerSpec.Dense(9, Activation.SOFTMAX));
        assertProblem(withNetwork(s, layers), "network[2].units: the task 0-9 needs 10 output unit(s), found 9");
    }

    @Test
    void rejectsANetworkThatDoesNotEndInADenseLayer() {
        ExperimentSpec s = valid();
        assertProblem(withNetwork(s, List.of(new LayerSpec.Dense(10, Activation.SOFTMAX), new LayerSpec.Dropout(0.1))),
                "network[1]: expected the output layer to be dense, found dropout");
        assertProblem(withNetwork(s, List.of()), "network: expected at least one layer (the output dense layer), found none");
    }

    @Test
    void rejectsSoftmaxInsideTheNetwork() {
        ExperimentSpec s = valid();
        assertProblem(withNetwork(s, List.of(new LayerSpec.Dense(10, Activation.SOFTMAX),
                        new LayerSpec.ActivationLayer(Activation.SOFTMAX), new LayerSpec.Dense(10, Activation.SOFTMAX))),
                "network[0].activation: softmax is only allowed on the output layer");
    }

    @Test
    void rejectsBadTasksAndSplits() {
        ExperimentSpec s = valid();
        assertProblem(withTask(s, new TaskSpec.DigitVsRest(10)), "data.task.digit: expected a digit 0-9, found 10");
        assertProblem(withTask(s, new TaskSpec.DigitVsDigit(3, 3)), "data.task: expected two different digits, found 3 twice");
        assertProblem(s.withData(new DataSpec("mnist", new TaskSpec.Multiclass(), 1.0, null)),
                "data.validationFraction: expected a number in (0, 1), found 1.0");
        assertProblem(s.withData(new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, 5)),
                "data.subset: expected at least 20 images (2 per class), found 5");
    }

    @Test
    void rejectsNegativeL2AndBadBatchNorm() {
        ExperimentSpec s = valid();
        assertProblem(new ExperimentSpec(s.name(), s.title(), s.data(), s.network(), s.loss(), s.optimizer(), -1.0,
                s.init(), s.batchSize(), s.epochs(), s.seeds()), "l2: expected a finite number >= 0, found -1.0");
        assertProblem(withNetwork(s, List.of(new LayerSpec.BatchNorm(1.0, 0.0), new LayerSpec.Dense(10, Activation.SOFTMAX))),
                "network[0].decay: expected a number in [0, 1), found 1.0");
        assertProblem(withNetwork(s, List.of(new LayerSpec.BatchNorm(0.9, 0.0), new LayerSpec.Dense(10, Activation.SOFTMAX))),
                "network[0].epsilon: expected a finite number > 0, found 0.0");
    }

    @Test
    void rejectsTheIssuesBatchSizeOfTwoToTheThirtyFirstMinusOne() {
        assertEquals(List.of("batchSize: expected at most 60000 (the largest training set a spec can name), found "
                + "2147483647"), SpecValidator.problems(valid().withBatchSize(Integer.MAX_VALUE)));
        assertEquals(List.of(), SpecValidator.problems(valid().withBatchSize(SpecValidator.MAX_BATCH_SIZE)));
    }

    @Test
    void leavesLayerWidthsToTheTrainersWhichKnowTheInputWidth() {
        // A billion units is a valid spec: whether its arrays can be indexed and its memory found depends on the
        // data's width and the machine, which Trainer.requireFits checks before anything is allocated.
        assertEquals(List.of(), SpecValidator.problems(withNetwork(valid(), List.of(
                new LayerSpec.Dense(1_000_000_000, Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX)))));
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheSource() {
        ExperimentSpec s = valid().withEpochs(0).withBatchSize(0);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecValidator.validate(s, "bad.yaml"));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().startsWith("invalid experiment spec bad.yaml (2 problems)"), e.getMessage());
        assertEquals("bad.yaml", e.source());
    }
}
