package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingResult;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import dev.digitslab.api.testing.ReferenceSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real MNIST, full training split, a few seconds per test with one OpenMP thread. */
class MnistAccuracyTest {
    private static final Logger LOG = LoggerFactory.getLogger(MnistAccuracyTest.class);

    @Test
    void multilayerPerceptronReaches96Point5PercentAfterThreeEpochsOnAverageOverFiveSeeds() {
        ExperimentSpec spec = ReferenceSpecs.mlp128ThreeEpochs();
        double mean = spec.seeds().stream().mapToDouble(seed -> testAccuracy(spec, seed)).average().orElseThrow();
        assertTrue(mean >= 0.965, "mean test accuracy over seeds " + spec.seeds() + ": " + mean);
    }

    @Test
    void zeroVersusRestReaches99Point5Percent() {
        ExperimentSpec spec = Specs.digitVsRest("zero-vs-rest", 0, List.of(new LayerSpec.Dense(128, Activation.RELU),
                new LayerSpec.Dense(1, Activation.SIGMOID)), OptimizerSpec.adam(1e-3), 32, 1);
        double accuracy = testAccuracy(spec, ExperimentSpec.DEFAULT_SEED);
        assertTrue(accuracy >= 0.995, "test accuracy " + accuracy);
    }

    private static double testAccuracy(ExperimentSpec spec, long seed) {
        Splits splits = MnistSplits.load(spec.data(), seed);
        TrainingResult result = TrainingRun.run(new FrameworkTrainer(), spec, splits, seed, null, TrainingListener.NONE);
        double accuracy = Scores.accuracy(result.testProbabilities(), splits.test().outputCount(), splits.test().labels());
        LOG.info("{} seed {}: test accuracy {} after {} epoch(s), validation accuracy {}, median {} s/epoch",
                spec.name(), seed, accuracy, spec.epochs(), result.last().validationAccuracy(), result.medianEpochSeconds());
        return accuracy;
    }
}
