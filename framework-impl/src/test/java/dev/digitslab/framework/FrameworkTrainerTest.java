package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainers;
import dev.digitslab.api.train.TrainingDivergedException;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingResult;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameworkTrainerTest {
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();

    @Test
    void isFoundByServiceLoaderUnderItsId() {
        assertInstanceOf(FrameworkTrainer.class, Trainers.byId("framework"));
    }

    @Test
    void environmentNamesTheNativeBinaryAndThreads() {
        Map<String, String> env = TRAINER.environment();
        assertEquals("1.0.0-M2.1", env.get("deeplearning4j"));
        assertTrue(env.get("native.binaryLevel").matches("AVX512|AVX2|generic x86-64"), env.toString());
        assertEquals(System.getenv("OMP_NUM_THREADS"), env.get("OMP_NUM_THREADS"));
    }

    @Test
    void computesWithOneThreadOnSharesOfUpToTwoCores() {
        // Measured: a second ND4J/OpenBLAS thread slowed 784-128-10 by 30-50% on 2 cores and sped up
        // 784-512-512-10 by at most about 10%; larger shares are used whole.
        assertEquals(1, TRAINER.threadsFor(1));
        assertEquals(1, TRAINER.threadsFor(2));
        assertEquals(3, TRAINER.threadsFor(3));
        assertEquals(8, TRAINER.threadsFor(8));
        assertThrows(IllegalArgumentException.class, () -> TRAINER.threadsFor(0));
    }

    @Test
    void sameSeedGivesBitIdenticalTrainingRuns() {
        // Dropout and batch norm included: every random draw must come from the run's seed.
        ExperimentSpec spec = Specs.multiclass("determinism", Specs.everyLayer(32, 0.3), OptimizerSpec.adam(1e-3),
                1e-4, null, 64, 2000).withEpochs(2);
        Splits splits = MnistSplits.load(spec.data(), 42L);
        TrainingResult first = TrainingRun.run(TRAINER, spec, splits, 42L, null, TrainingListener.NONE);
        // Something else uses ND4J's generators in between.
        TrainingRun.run(TRAINER, spec.withEpochs(1), splits, 7L, null, TrainingListener.NONE);
        TrainingResult second = TrainingRun.run(TRAINER, spec, splits, 42L, null, TrainingListener.NONE);

        assertArrayEquals(first.parameters().flatten(), second.parameters().flatten());
        assertArrayEquals(first.testProbabilities(), second.testProbabilities());
        for (int e = 0; e < 2; e++) {
            assertEquals(first.history().get(e).trainingLoss(), second.history().get(e).trainingLoss(), 0.0);
        }
        TrainingResult otherSeed = TrainingRun.run(TRAINER, spec, splits, 43L, null, TrainingListener.NONE);
        assertFalse(java.util.Arrays.equals(first.parameters().flatten(), otherSeed.parameters().flatten()));
    }

    @Test
    void reportsEveryBatchAndReturnsTheExampleWeightedMeanLoss() {
        ExperimentSpec spec = Specs.multiclass("batches", Specs.mlp(16), OptimizerSpec.sgd(0.1), 0.0, null, 32, null);
        ImageSet data = Specs.randomImages(100, 784, 10, 3L);
        TrainableModel model = TRAINER.create(spec, 784, 1L, null);
        List<double[]> calls = new ArrayList<>();
        double mean = TrainingRun.trainEpoch(model, data, Specs.identityOrder(100), 4, new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double batchLoss) {
                calls.add(new double[] {epoch, batch, batches, batchLoss});
            }
        });
        assertEquals(4, calls.size(), "batches of 32, 32, 32 and 4");
        double weighted = 0;
        for (int b = 0; b < 4; b++) {
            assertEquals(4, calls.get(b)[0]);
            assertEquals(b, calls.get(b)[1]);
            assertEquals(4, calls.get(b)[2]);
            weighted += calls.get(b)[3] * (b < 3 ? 32 : 4);
        }
        assertEquals(weighted / 100, mean, 1e-12);
    }

    @Test
    void anEpochIsItsBatchStepsInOrderWithTheLossWeightedByRows() {
        // TrainingRun.trainEpoch against the same batch steps taken by hand: bit-identical loss and parameters.
        // Dropout is in, so startEpoch must reseed it for the two to match.
        ExperimentSpec spec = Specs.multiclass("by-hand", Specs.everyLayer(16, 0.3), OptimizerSpec.adam(1e-3), 1e-4,
                null, 32, null);
        ImageSet data = Specs.randomImages(100, 784, 10, 4L);
        int[] order = BatchOrder.permutation(9L, 2, 100);
        TrainableModel viaRun = TRAINER.create(spec, 784, 9L, null);
        double epochLoss = TrainingRun.trainEpoch(viaRun, data, order, 2, TrainingListener.NONE);
        TrainableModel byHand = TRAINER.create(spec, 784, 9L, null);
        double lossSum = 0;
        byHand.startEpoch(2);
        for (int from = 0; from < 100; from += 32) {
            int to = Math.min(100, from + 32);
            lossSum += byHand.trainBatch(data, order, from, to) * (to - from);
        }
        assertEquals(lossSum / 100, epochLoss, 0.0);
        assertArrayEquals(viaRun.parameters().flatten(), byHand.parameters().flatten());
    }

    @Test
    void batchLossIsTheMeanCrossEntropyOfTheBatch() {
        // Before the step, the batch loss equals the loss Scores computes from the model's probabilities.
        ExperimentSpec spec = Specs.multiclass("loss", Specs.mlp(16), OptimizerSpec.sgd(0.1), 0.01, null, 50, null);
        ImageSet data = Specs.randomImages(50, 784, 10, 5L);
        TrainableModel model = TRAINER.create(spec, 784, 2L, null);
        double expected = Scores.loss(model.predict(data), 10, data.labels());
        double reported = TrainingRun.trainEpoch(model, data, Specs.identityOrder(50), 1, TrainingListener.NONE);
        assertEquals(expected, reported, 1e-5);
    }

    @Test
    void divergingTrainingStopsWithTheEpochAndBatch() {
        ExperimentSpec spec = Specs.multiclass("diverge", Specs.mlp(16), OptimizerSpec.sgd(1e30), 0.0, null, 10, null);
        ImageSet data = Specs.randomImages(200, 784, 10, 3L);
        TrainableModel model = TRAINER.create(spec, 784, 1L, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TrainingRun.trainEpoch(model, data, Specs.identityOrder(200), 3, TrainingListener.NONE));
        assertEquals(3, e.epoch());
        assertFalse(Double.isFinite(e.loss()));
    }

    @Test
    void rejectsDataOfAnotherWidth() {
        ExperimentSpec spec = Specs.multiclass("width", Specs.mlp(16), OptimizerSpec.sgd(0.1), 0.0, null, 10, null);
        TrainableModel model = TRAINER.create(spec, 784, 1L, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Specs.randomImages(5, 100, 10, 1L)));
        assertTrue(e.getMessage().contains("784") && e.getMessage().contains("100"), e.getMessage());
    }
}
