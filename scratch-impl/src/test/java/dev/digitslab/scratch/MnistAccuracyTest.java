package dev.digitslab.scratch;

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
import dev.digitslab.api.testing.ReferenceSpecs;
import dev.digitslab.datasets.MnistSplits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real MNIST, full training set: the accuracy the issue requires, in seconds with the fast kernels. */
class MnistAccuracyTest {
    private static final Logger LOG = LoggerFactory.getLogger(MnistAccuracyTest.class);

    private static double testAccuracy(ExperimentSpec spec, long seed) {
        Splits splits = MnistSplits.load(spec.data(), seed);
        TrainingResult result = TrainingRun.run(new ScratchTrainer(), spec, splits, seed, null, TrainingListener.NONE);
        double accuracy = Scores.accuracy(result.testProbabilities(), splits.test().outputCount(),
                splits.test().labels());
        LOG.info("{} seed {}: test accuracy {} after {} epochs ({} s/epoch median)", spec.name(), seed, accuracy,
                spec.epochs(), result.medianEpochSeconds());
        return accuracy;
    }

    @Test
    void mlp128WithAdamReaches96Point5PercentAfterThreeEpochsOnAverageOverFiveSeeds() {
        ExperimentSpec spec = ReferenceSpecs.mlp128ThreeEpochs();
        double mean = spec.seeds().stream().mapToDouble(seed -> testAccuracy(spec, seed)).average().orElseThrow();
        assertTrue(mean >= 0.965, "mean test accuracy over seeds " + spec.seeds() + ": " + mean);
    }

    @Test
    void zeroVersusOneSigmoidNetworkWithSgdReaches99Point8Percent() {
        ExperimentSpec spec = TestSpecs.binary("zero-vs-one", 0, 1, List.of(
                new LayerSpec.Dense(25, Activation.SIGMOID),
                new LayerSpec.Dense(15, Activation.SIGMOID),
                new LayerSpec.Dense(1, Activation.SIGMOID)), OptimizerSpec.sgd(0.5), 0, 32, 5);
        double accuracy = testAccuracy(spec, 42);
        assertTrue(accuracy >= 0.998, "test accuracy " + accuracy);
    }
}
