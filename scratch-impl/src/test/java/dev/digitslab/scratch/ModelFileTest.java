package dev.digitslab.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.params.ParameterLayout;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.ModelFormatException;
import dev.digitslab.api.train.TrainableModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for what the saved-model fuzz test (comparison's SavedModelFuzzTest) found: files with a
 * valid checksum whose header fields lie. Each is built from a real saved model with one field changed and the
 * checksum recomputed, exactly as the fuzzer made them.
 */
class ModelFileTest {
    /** 784-16-BN-ReLU-10: a dense block, a batch-norm block, and a second dense block. */
    private static final ExperimentSpec SPEC = TestSpecs.multiclass("small", List.of(
            new LayerSpec.Dense(16, Activation.IDENTITY),
            new LayerSpec.BatchNorm(),
            new LayerSpec.ActivationLayer(Activation.RELU),
            new LayerSpec.Dense(10, Activation.SOFTMAX)), OptimizerSpec.adam(1e-3), 0, 32, 1);

    @TempDir
    Path dir;

    /**
     * Found: 1399731881 and 1730827270 ran out of heap building the network's input buffer (256 rows × the
     * count), 536870911 overflowed that size to a negative array length. The count must be the first layer's nIn.
     */
    @ParameterizedTest
    @ValueSource(ints = {1_399_731_881, 1_730_827_270, 536_870_911, Integer.MAX_VALUE, 783, 785})
    void rejectsAnInputCountTheParametersDoNotHave(int inputCount) throws IOException {
        byte[] file = valid();
        ByteBuffer.wrap(file).putInt(inputCountAt(file), inputCount);
        assertRejected(withCrc(file), "parameters do not match the embedded spec",
                "expected dense layer 0 of shape (" + inputCount + ", 16), found dense layer 0 of shape (784, 16)");
    }

    @Test
    void rejectsADenseBlockClaimingMoreValuesThanTheFileHolds() throws IOException {
        // A forged spec and header agreeing on 2^30 hidden units: the values would be 12 GiB; the file has KiB.
        byte[] file = withSpec(valid(), TestSpecs.multiclass("small", List.of(
                new LayerSpec.Dense(1 << 30, Activation.IDENTITY), new LayerSpec.BatchNorm(),
                new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX)),
                OptimizerSpec.adam(1e-3), 0, 32, 1));
        ByteBuffer.wrap(file).putInt(firstBlockAt(file) + 1 + 4 + 4, 1 << 30);
        assertRejected(withCrc(file), "dense layer 0 needs", "bytes, only");
    }

    @Test
    void rejectsNonFiniteParameters() throws IOException {
        byte[] file = valid();
        ByteBuffer.wrap(file).putFloat(firstBlockAt(file) + 1 + 4 + 8 + 4 * 5, Float.NaN);
        assertRejected(withCrc(file), "layer 0: weights [5] is NaN, expected a finite number");
    }

    @Test
    void rejectsANegativeRunningVariance() throws IOException {
        byte[] file = valid();
        int bn = firstBlockAt(file) + 1 + 4 + 8 + 4 * (784 * 16 + 16);
        ByteBuffer.wrap(file).putFloat(bn + 1 + 4 + 4 + 4 * (3 * 16 + 2), -1f);
        assertRejected(withCrc(file), "layer 1: running variance [2] is -1.0");
    }

    @Test
    void rejectsASpecWhoseBatchesWouldNotFitInMemory() throws IOException {
        // Such a batch size is now invalid in any spec (issue 11): the embedded spec's validation refuses it.
        byte[] file = withSpec(valid(), SPEC.withBatchSize(Integer.MAX_VALUE));
        assertRejected(withCrc(file), "the embedded spec is invalid", "batchSize: expected at most 60000",
                "found " + Integer.MAX_VALUE);
    }

    @Test
    void theLengthOfAFileIsKnownBeforeItIsWritten() throws IOException {
        Path file = dir.resolve("length.model");
        try (TrainableModel model = new ScratchTrainer().create(SPEC, 784, 1L, null)) {
            model.save(file);
        }
        assertEquals(Files.size(file), ModelFile.length(SPEC, ParameterLayout.of(SPEC, 784)));
    }

    @Test
    void theUnchangedFileStillLoads() throws IOException {
        Path file = Files.write(dir.resolve("ok.model"), withCrc(valid()));
        try (TrainableModel model = new ScratchTrainer().load(file)) {
            assertEquals(SPEC, model.spec());
        }
    }

    @Test
    void aModelSavedWithTheOldFlatOptimiserFieldsStillLoads() throws IOException {
        // Before each optimiser kind had its own record, every kind was saved with every field.
        String old = SpecLoader.toJson(SPEC).replace("\"kind\" : \"adam\",",
                "\"kind\" : \"adam\", \"momentum\" : 0.9, \"nesterov\" : false,");
        assertTrue(old.contains("nesterov"), old);
        Path file = Files.write(dir.resolve("old.model"), withCrc(withSpec(valid(), old)));
        try (TrainableModel model = new ScratchTrainer().load(file)) {
            assertEquals(SPEC, model.spec());
        }
    }

    private void assertRejected(byte[] bytes, String... fragments) throws IOException {
        Path file = Files.write(dir.resolve("forged.model"), bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ScratchTrainer().load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
    }

    /** A saved model without its trailing checksum. */
    private byte[] valid() throws IOException {
        Path file = dir.resolve("valid.model");
        try (TrainableModel model = new ScratchTrainer().create(SPEC, 784, 3, null)) {
            model.save(file);
        }
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOf(all, all.length - 8);
    }

    private static int inputCountAt(byte[] body) {
        return 8 + 4 + 4 + ByteBuffer.wrap(body).getInt(12);
    }

    private static int firstBlockAt(byte[] body) {
        return inputCountAt(body) + 4 + 8 + 4;
    }

    /** {@code body} with its embedded spec replaced. */
    private static byte[] withSpec(byte[] body, ExperimentSpec spec) {
        return withSpec(body, SpecLoader.toJson(spec));
    }

    /** {@code body} with its embedded spec replaced by this JSON text. */
    private static byte[] withSpec(byte[] body, String specJson) {
        byte[] json = specJson.getBytes(StandardCharsets.UTF_8);
        int oldLength = ByteBuffer.wrap(body).getInt(12);
        ByteBuffer out = ByteBuffer.allocate(body.length - oldLength + json.length);
        out.put(body, 0, 12).putInt(json.length).put(json).put(body, 16 + oldLength, body.length - 16 - oldLength);
        return out.array();
    }

    private static byte[] withCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] out = Arrays.copyOf(body, body.length + 8);
        ByteBuffer.wrap(out, body.length, 8).putLong(crc.getValue());
        return out;
    }
}
