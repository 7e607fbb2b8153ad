package dev.digitslab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.ModelFormatException;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.Trainers;
import dev.digitslab.api.train.TrainingDivergedException;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingResult;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer SPI on a small real-MNIST subset: determinism, parameter import/export, files, errors. */
class ScratchTrainerTest {
    /** Dense, batch norm, activation and dropout: every layer kind, with L2 and a batch that does not divide. */
    private static final ExperimentSpec SPEC = TestSpecs.multiclass("small", List.of(
            new LayerSpec.Dense(32, Activation.IDENTITY),
            new LayerSpec.BatchNorm(),
            new LayerSpec.ActivationLayer(Activation.RELU),
            new LayerSpec.Dropout(0.2),
            new LayerSpec.Dense(10, Activation.SOFTMAX)), OptimizerSpec.adam(1e-3), 1e-4, 64, 2)
            .withData(TestSpecs.mlp128(OptimizerSpec.adam(1e-3), 64, 1).data().withSubset(1000));

    @TempDir
    Path dir;

    private final Trainer trainer = new ScratchTrainer();

    private static Splits splits() {
        return MnistSplits.load(SPEC.data(), 42);
    }

    @Test
    void isDiscoveredAsScratch() {
        assertInstanceOf(ScratchTrainer.class, Trainers.byId("scratch"));
        assertTrue(trainer.environment().containsKey("kernels"));
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndDifferentSeedsDiffer() {
        TrainingResult a = TrainingRun.run(trainer, SPEC, splits(), 42, null, TrainingListener.NONE);
        TrainingResult b = TrainingRun.run(trainer, SPEC, splits(), 42, null, TrainingListener.NONE);
        TrainingResult c = TrainingRun.run(trainer, SPEC, splits(), 43, null, TrainingListener.NONE);
        assertArrayEquals(a.parameters().flatten(), b.parameters().flatten());
        assertArrayEquals(a.testProbabilities(), b.testProbabilities());
        assertNotEquals(0.0, a.parameters().maxAbsDifference(c.parameters()));
        assertEquals(2, a.history().size());
        assertTrue(a.last().validationAccuracy() > 0.6, "learns something: " + a.last());
    }

    @Test
    void trainingGivesTheSameBitsOnOneThreadAndOnSeveral() {
        // The products, Adam, the batch gather and the loss's rows are all split over the threads.
        Splits s = splits();
        TrainingResult one = TrainingRun.run(trainer, SPEC, s, 42, null, 1, TrainingListener.NONE, model -> { });
        TrainingResult three = TrainingRun.run(trainer, SPEC, s, 42, null, 3, TrainingListener.NONE, model -> { });
        assertArrayEquals(one.parameters().flatten(), three.parameters().flatten());
        assertArrayEquals(one.testProbabilities(), three.testProbabilities());
        for (int e = 0; e < one.history().size(); e++) {
            assertEquals(one.history().get(e).trainingLoss(), three.history().get(e).trainingLoss(), 0.0, "epoch " + e);
        }
    }

    @Test
    void trainsInBatchesOfTheSpecsSizeWithAShortLastBatch() {
        Splits s = splits();
        int count = s.train().count();
        List<int[]> calls = new ArrayList<>();
        try (TrainableModel model = trainer.create(SPEC, 784, 1, null)) {
            int[] order = BatchOrder.permutation(1, 1, count);
            double loss = TrainingRun.trainEpoch(model, s.train(), order, 1, new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, int batches, double batchLoss) {
                    calls.add(new int[] {epoch, batch, batches});
                }
            });
            assertTrue(loss > 0 && loss < 5, "mean loss " + loss);
        }
        int batches = (count + 63) / 64;
        assertEquals(batches, calls.size());
        for (int i = 0; i < batches; i++) {
            assertArrayEquals(new int[] {1, i, batches}, calls.get(i));
        }
        assertNotEquals(0, count % 64, "the subset exercises a short last batch");
    }

    @Test
    void anEpochIsItsBatchStepsInOrderWithTheLossWeightedByRows() {
        // TrainingRun.trainEpoch against the same batch steps taken by hand: bit-identical loss and parameters.
        ImageSet train = splits().train();
        int[] order = BatchOrder.permutation(7, 1, train.count());
        double epochLoss;
        float[] epochParameters;
        try (TrainableModel model = trainer.create(SPEC, 784, 7, null)) {
            epochLoss = TrainingRun.trainEpoch(model, train, order, 1, TrainingListener.NONE);
            epochParameters = model.parameters().flatten();
        }
        try (TrainableModel model = trainer.create(SPEC, 784, 7, null)) {
            double lossSum = 0;
            model.startEpoch(1);
            for (int from = 0; from < train.count(); from += SPEC.batchSize()) {
                int to = Math.min(train.count(), from + SPEC.batchSize());
                lossSum += model.trainBatch(train, order, from, to) * (to - from);
            }
            assertEquals(lossSum / train.count(), epochLoss, 0.0);
            assertArrayEquals(epochParameters, model.parameters().flatten());
        }
    }

    @Test
    void startsFromGivenParametersExactly() {
        ModelParameters initial;
        try (TrainableModel model = trainer.create(SPEC, 784, 5, null)) {
            initial = model.parameters();
        }
        float[] flat = initial.flatten();
        ModelParameters changed = initial.copy();
        ((dev.digitslab.api.params.LayerParameters.Dense) changed.layers().get(0)).weights()[7] = 0.123456789f;
        try (TrainableModel model = trainer.create(SPEC, 784, 99, changed)) {
            float[] got = model.parameters().flatten();
            assertEquals(0.123456789f, got[7]);
            got[7] = flat[7];
            assertArrayEquals(flat, got);
        }
    }

    @Test
    void rejectsInitialParametersOfTheWrongShape() {
        ModelParameters other;
        try (TrainableModel model = trainer.create(TestSpecs.mlp128(OptimizerSpec.adam(1e-3), 50, 1), 784, 5, null)) {
            other = model.parameters();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.create(SPEC, 784, 5, other));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void savedModelLoadsWithIdenticalPredictionsAndParameters() throws IOException {
        Splits s = splits();
        Path file = dir.resolve("model.bin");
        float[] before;
        ModelParameters params;
        try (TrainableModel model = trainer.create(SPEC, 784, 3, null)) {
            TrainingRun.trainEpoch(model, s.train(), BatchOrder.permutation(3, 1, s.train().count()), 1,
                    TrainingListener.NONE);
            before = model.predict(s.test());
            params = model.parameters();
            model.save(file);
        }
        try (TrainableModel loaded = trainer.load(file)) {
            assertEquals(SpecLoader.toJson(SPEC), SpecLoader.toJson(loaded.spec()));
            assertArrayEquals(params.flatten(), loaded.parameters().flatten());
            assertArrayEquals(before, loaded.predict(s.test()));
        }
        assertEquals(List.of(file), Files.list(dir).toList(), "no temporary file left behind");
    }

    private Path savedModel() throws IOException {
        Path file = dir.resolve("good.bin");
        try (TrainableModel model = trainer.create(SPEC, 784, 3, null)) {
            model.save(file);
        }
        return file;
    }

    private static void assertRejected(Path file, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ScratchTrainer().load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }

    @Test
    void rejectsAFileThatIsNotAScratchModel() throws IOException {
        Path file = dir.resolve("other.zip");
        Files.write(file, "PK\u0003\u0004 a framework model".getBytes(StandardCharsets.ISO_8859_1));
        assertRejected(file, "not a scratch-impl model");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        Path good = savedModel();
        byte[] bytes = Files.readAllBytes(good);
        Path file = dir.resolve("truncated.bin");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRejected(file, "truncated");
    }

    @Test
    void rejectsParametersInconsistentWithTheEmbeddedSpec() throws IOException {
        // A valid file whose spec says 16 hidden units while its parameters have 32.
        Path good = savedModel();
        byte[] bytes = Files.readAllBytes(good);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String patched = text.replaceFirst("\"units\" : 32", "\"units\" : 16");
        assertNotEquals(text, patched, "the embedded JSON names the hidden width");
        byte[] body = Arrays.copyOf(patched.getBytes(StandardCharsets.ISO_8859_1), bytes.length - 8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        byte[] out = Arrays.copyOf(body, bytes.length);
        java.nio.ByteBuffer.wrap(out, bytes.length - 8, 8).putLong(crc.getValue());
        Path file = dir.resolve("inconsistent.bin");
        Files.write(file, out);
        assertRejected(file, "do not match", "(784, 16)", "(784, 32)");
    }

    @Test
    void divergingTrainingStopsWithTheEpochAndBatch() {
        ExperimentSpec wild = TestSpecs.multiclass("wild", List.of(new LayerSpec.Dense(10, Activation.SOFTMAX)),
                OptimizerSpec.sgd(1e38), 0, 64, 1).withData(SPEC.data());
        Splits s = splits();
        try (TrainableModel model = trainer.create(wild, 784, 1, null)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> TrainingRun.trainEpoch(model, s.train(), BatchOrder.permutation(1, 1, s.train().count()),
                            1, TrainingListener.NONE));
            assertEquals(1, e.epoch());
            assertTrue(e.batch() >= 1, "the first batch is finite, a later one is not: " + e.batch());
        }
    }
}
