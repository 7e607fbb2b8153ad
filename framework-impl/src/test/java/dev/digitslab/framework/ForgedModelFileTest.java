package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.train.ModelFormatException;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for what the saved-model fuzz test (comparison's SavedModelFuzzTest) found in the
 * Deeplearning4j loader: well-formed archives whose entries lie. Before the fix, an ND4J array header claiming
 * more values than stored was believed (gigabytes allocated natively: the kernel killed the test JVM), and one
 * whose shape disagreed with its values loaded and then crashed the JVM in native code (SIGSEGV in a broadcast
 * add) at the first prediction; a foreign {@code preprocessor.bin} entry was deserialised as any Java object.
 */
class ForgedModelFileTest {
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();
    private static final ExperimentSpec SPEC = Specs.multiclass("forged", Specs.mlp(16), OptimizerSpec.adam(1e-3),
            0.0, null, 32, null);
    private static Map<String, byte[]> entries;

    @TempDir
    static Path dir;

    @BeforeAll
    static void saveAModel() throws IOException {
        ImageSet data = Specs.randomImages(100, 784, 10, 8L);
        TrainableModel model = TRAINER.create(SPEC, 784, 5L, null);
        TrainingRun.trainEpoch(model, data, Specs.identityOrder(100), 1, TrainingListener.NONE);
        Path file = dir.resolve("valid.zip");
        model.save(file);
        entries = unzip(Files.readAllBytes(file));
    }

    @Test
    void rejectsAnArrayHeaderClaimingMoreValuesThanStored() throws IOException {
        for (long claimed : new long[] {Integer.MAX_VALUE, 1L << 40, (1L << 62) + 12_730}) {
            Map<String, byte[]> forged = copy();
            ByteBuffer.wrap(forged.get("coefficients.bin")).putLong(dataLengthAt(forged.get("coefficients.bin")),
                    claimed);
            assertRejected(forged, "coefficients.bin (a stored ND4J array): the header claims " + claimed
                    + " floats, the entry holds 50920 bytes");
        }
    }

    @Test
    void rejectsAShapeThatDisagreesWithTheStoredValues() throws IOException {
        // The fuzzer's crash: values header cut to 1 float, shape information still saying 12,730.
        Map<String, byte[]> forged = copy();
        byte[] coefficients = forged.get("coefficients.bin");
        int at = dataLengthAt(coefficients);
        ByteBuffer.wrap(coefficients).putLong(at, 1);
        forged.put("coefficients.bin", Arrays.copyOf(coefficients, at + 8 + 7 + 4));
        assertRejected(forged, "shape information [1, 12730, 1, 8192, 1, 99], expected [1, 1, 1, 8192, 1, 99]");

        Map<String, byte[]> strided = copy();
        ByteBuffer.wrap(strided.get("updaterState.bin")).putLong(shapeInfoAt(strided.get("updaterState.bin")) + 16,
                1000);
        assertRejected(strided, "updaterState.bin (a stored ND4J array): shape information [1, 25460, 1000,");
    }

    @Test
    void rejectsAForeignSerialisedEntry() throws IOException {
        Map<String, byte[]> forged = copy();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("any", "object")));
        }
        forged.put("preprocessor.bin", bytes.toByteArray());
        assertRejected(forged, "unexpected archive entry 'preprocessor.bin'");
    }

    @Test
    void rejectsNonFiniteParameters() throws IOException {
        Map<String, byte[]> forged = copy();
        byte[] coefficients = forged.get("coefficients.bin");
        ByteBuffer.wrap(coefficients).putFloat(dataLengthAt(coefficients) + 8 + 7 + 4 * 3, Float.POSITIVE_INFINITY);
        assertRejected(forged, "is Infinity, expected a finite number");
    }

    @Test
    void rejectsAnEntryThatAppearsTwice() throws IOException {
        Map<String, byte[]> withPlaceholder = copy();
        withPlaceholder.put("configuration.jso#", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] zip = zip(withPlaceholder);
        byte[] from = "configuration.jso#".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + from.length <= zip.length; i++) {
            if (Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                zip[i + from.length - 1] = 'n';
            }
        }
        Path file = Files.write(dir.resolve("twice.zip"), zip);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TRAINER.load(file));
        assertTrue(e.getMessage().contains("holds configuration.json twice"), e.getMessage());
    }

    @Test
    void theRewrittenArchiveStillLoads() throws IOException {
        Path file = Files.write(dir.resolve("rewritten.zip"), zip(copy()));
        try (TrainableModel model = TRAINER.load(file)) {
            assertEquals(SPEC, model.spec());
        }
    }

    private static void assertRejected(Map<String, byte[]> forged, String expected) throws IOException {
        Path file = Files.write(dir.resolve("forged.zip"), zip(forged));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TRAINER.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected),
                "expected '" + expected + "' in: " + e.getMessage());
    }

    /** Offset of the shape-information values: after UTF mode, long length, UTF type. */
    private static int shapeInfoAt(byte[] array) {
        int p = 2 + ByteBuffer.wrap(array).getShort(0) + 8;
        return p + 2 + ByteBuffer.wrap(array).getShort(p);
    }

    /** Offset of the values' length: after the shape information (6 longs) and the values' UTF mode. */
    private static int dataLengthAt(byte[] array) {
        int p = shapeInfoAt(array) + 6 * 8;
        return p + 2 + ByteBuffer.wrap(array).getShort(p);
    }

    private static Map<String, byte[]> copy() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
