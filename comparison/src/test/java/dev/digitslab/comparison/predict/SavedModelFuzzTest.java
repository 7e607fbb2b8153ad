package dev.digitslab.comparison.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.testing.ByteMutator;
import dev.digitslab.api.testing.FuzzTally;
import dev.digitslab.api.train.ModelFormatException;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.Trainers;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds seeded mutations of real saved models of both implementations (a small network with batch norm and
 * dropout, trained one epoch on 500 real MNIST images) to {@link SavedModels#load} and to the scratch
 * trainer's {@code load} directly: blind byte mutations; for the scratch file, mutations with the checksum
 * recomputed and header fields set to extreme values, so the parser behind the checksum is reached; for the
 * Deeplearning4j zip, well-formed archives whose entries are mutated, dropped, duplicated or joined by a
 * foreign entry, and whose ND4J array headers claim other lengths, shapes and types; and splices of one
 * implementation's file into the other's. Each input must load (and then predict real images as
 * probabilities) or be rejected with a {@link ModelFormatException} naming the file — never another exception,
 * an error, an out-of-memory or a hang.
 */
class SavedModelFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(SavedModelFuzzTest.class);
    private static final long SEED = 20_240_611L;
    static final int SCRATCH_INPUTS = 3000;
    static final int FRAMEWORK_INPUTS = 1500;
    private static final int BATCH = 100;
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(60);
    private static final String SPEC = """
            name: fuzzed
            data: {dataset: mnist, task: {kind: multiclass}, validationFraction: 0.1, subset: 500}
            network:
              - {type: dense, units: 16, activation: identity}
              - {type: batch-norm}
              - {type: activation, function: relu}
              - {type: dropout, rate: 0.2}
              - {type: dense, units: 10, activation: softmax}
            loss: categorical-cross-entropy
            optimizer: {kind: adam, learningRate: 0.001}
            batchSize: 50
            epochs: 1
            seeds: [7]
            """;

    @TempDir
    static Path dir;
    static byte[] scratchFile;
    static byte[] frameworkFile;
    /** A few real test images to predict with every model that loads. */
    static ImageSet images;

    @BeforeAll
    static void trainAndSaveBothImplementations() throws IOException {
        ExperimentSpec spec = SpecLoader.parseYaml(SPEC, "fuzzed.yaml");
        Splits splits = MnistSplits.load(spec.data(), 7);
        images = first(splits.test(), 8);
        scratchFile = trainAndSave(Trainers.byId("scratch"), spec, splits);
        frameworkFile = trainAndSave(Trainers.byId("framework"), spec, splits);
    }

    private static byte[] trainAndSave(Trainer trainer, ExperimentSpec spec, Splits splits) throws IOException {
        Path file = dir.resolve(trainer.id() + ".model");
        TrainingRun.run(trainer, spec, splits, 7, null, trainer.defaultThreads(), TrainingListener.NONE, model -> {
            try {
                model.save(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Files.readAllBytes(file);
    }

    @Test
    void theUnmutatedFilesLoadAndPredict() throws IOException {
        for (byte[] valid : List.of(scratchFile, frameworkFile)) {
            Path file = FuzzTally.overwrite(dir.resolve("valid.model"), valid);
            try (TrainableModel model = SavedModels.load(file)) {
                assertEquals(8 * 10, model.predict(images).length);
            }
        }
    }

    @Test
    void mutatedScratchModelsLoadOrAreRejectedWithModelFormatException() throws IOException {
        FuzzTally<ModelFormatException> tally = new FuzzTally<>("models-scratch", SEED, ModelFormatException.class,
                SavedModelFuzzTest::unclear);
        SplittableRandom r = new SplittableRandom(SEED);
        for (int start = 0; start < SCRATCH_INPUTS; start += BATCH) {
            tally.inBatch(BATCH_LIMIT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    ByteMutator.Mutated m = mutateScratch(r);
                    attempt(tally, m);
                }
            });
        }
        tally.finish(log);
        assertEquals(SCRATCH_INPUTS, tally.inputs());
        assertTrue(tally.accepted() > 0 && tally.rejected() > 0, "accepted " + tally.accepted());
    }

    @Test
    void mutatedFrameworkModelsLoadOrAreRejectedWithModelFormatException() throws IOException {
        FuzzTally<ModelFormatException> tally = new FuzzTally<>("models-framework", SEED, ModelFormatException.class,
                SavedModelFuzzTest::unclear);
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int start = 0; start < FRAMEWORK_INPUTS; start += BATCH) {
            tally.inBatch(BATCH_LIMIT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    ByteMutator.Mutated m = mutateFramework(r);
                    attempt(tally, m);
                }
            });
        }
        tally.finish(log);
        assertEquals(FRAMEWORK_INPUTS, tally.inputs());
        assertTrue(tally.accepted() > 0 && tally.rejected() > 0, "accepted " + tally.accepted());
    }

    /** Loads the input through every entry point; a model that loads must predict probabilities. */
    private static void attempt(FuzzTally<ModelFormatException> tally, ByteMutator.Mutated m) {
        List<FuzzTally.Input> given = List.of(new FuzzTally.Input("fuzzed.model", m.bytes()));
        Path file;
        try {
            file = FuzzTally.overwrite(dir.resolve("fuzzed.model"), m.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tally.attempt(m.mutation(), given, () -> {
            try (TrainableModel direct = Trainers.byId("scratch").load(file)) {
                checkPredicts(direct);
            } catch (ModelFormatException expected) {
                // the tally judges SavedModels' outcome; this entry point only must not throw anything else
            }
            try (TrainableModel model = SavedModels.load(file)) {
                checkPredicts(model);
            }
        });
    }

    private static void checkPredicts(TrainableModel model) {
        float[] p = model.predict(images);
        if (p.length != images.count() * 10) {
            throw new AssertionError("predict gave " + p.length + " values for " + images.count() + " images");
        }
        for (int i = 0; i < images.count(); i++) {
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                float v = p[i * 10 + k];
                if (!(v >= 0 && v <= 1)) {
                    throw new AssertionError("image " + i + ": probability " + v);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new AssertionError("image " + i + ": probabilities sum to " + sum);
            }
        }
    }

    /** The rejection names the file and says what is wrong, without an internal error's name standing for it. */
    private static String unclear(ModelFormatException e, List<FuzzTally.Input> given) {
        String m = e.getMessage();
        if (!m.contains(dir.resolve("fuzzed.model").toString())) {
            return "does not name the file";
        }
        for (String internal : List.of("NullPointerException", "IndexOutOfBounds", "ClassCastException",
                "NegativeArraySize", "ArithmeticException", "UnsupportedOperationException")) {
            if (m.contains(internal)) {
                return "an internal error stands for the reason: " + internal;
            }
        }
        return null;
    }

    // ---- scratch mutations ----

    private static ByteMutator.Mutated mutateScratch(SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0, 1: {
                ByteMutator.Mutated m = ByteMutator.mutate(scratchFile, r);
                return new ByteMutator.Mutated("blind/" + m.mutation(), m.bytes());
            }
            case 2, 3: {
                // Behind a recomputed checksum, so the parser itself meets the damage.
                ByteMutator.Mutated m = ByteMutator.mutate(Arrays.copyOf(scratchFile, scratchFile.length - 8), r);
                return new ByteMutator.Mutated("crc-fixed/" + m.mutation(), withCrc(m.bytes()));
            }
            case 4, 5, 6:
                return scratchHeaderField(r);
            default:
                return splice(r, scratchFile, frameworkFile, "splice-framework-into-scratch");
        }
    }

    /** One header or layer field set to an extreme or random value, checksum recomputed. */
    private static ByteMutator.Mutated scratchHeaderField(SplittableRandom r) {
        Map<String, Integer> fields = scratchIntFields();
        List<String> names = new ArrayList<>(fields.keySet());
        String field = names.get(r.nextInt(names.size()));
        int[] extremes = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, Integer.MAX_VALUE / 4, 65_536, 784 * 784,
                r.nextInt()};
        byte[] body = Arrays.copyOf(scratchFile, scratchFile.length - 8);
        int at = fields.get(field);
        if (field.endsWith("kind")) {
            body[at] = (byte) r.nextInt(256);
        } else {
            ByteBuffer.wrap(body).putInt(at, extremes[r.nextInt(extremes.length)]);
        }
        String family = field.replaceAll("\\d+", "");
        return new ByteMutator.Mutated("field/" + family, withCrc(body));
    }

    /** Offsets of the scratch format's integer fields (see scratch-impl's ModelFile), from the valid file. */
    private static Map<String, Integer> scratchIntFields() {
        Map<String, Integer> at = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(scratchFile);
        int p = 8;
        at.put("version", p);
        p += 4;
        at.put("spec-length", p);
        int specLength = b.getInt(p);
        p += 4 + specLength;
        at.put("input-count", p);
        p += 4 + 8;
        at.put("layer-count", p);
        int layers = b.getInt(p);
        p += 4;
        for (int k = 0; k < layers; k++) {
            at.put("layer" + k + "-kind", p);
            byte kind = b.get(p);
            p += 1;
            at.put("layer" + k + "-index", p);
            p += 4;
            if (kind == 1) {
                at.put("layer" + k + "-dense-nIn", p);
                at.put("layer" + k + "-dense-nOut", p + 4);
                int n = b.getInt(p) * b.getInt(p + 4) + b.getInt(p + 4);
                p += 8 + 4 * n;
            } else {
                at.put("layer" + k + "-batch-norm-features", p);
                p += 4 + 16 * b.getInt(p);
            }
        }
        return at;
    }

    private static byte[] withCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] out = Arrays.copyOf(body, body.length + 8);
        ByteBuffer.wrap(out, body.length, 8).putLong(crc.getValue());
        return out;
    }

    // ---- Deeplearning4j mutations ----

    private static ByteMutator.Mutated mutateFramework(SplittableRandom r) {
        try {
            switch (r.nextInt(8)) {
                case 0, 1: {
                    ByteMutator.Mutated m = ByteMutator.mutate(frameworkFile, r);
                    return new ByteMutator.Mutated("blind/" + m.mutation(), m.bytes());
                }
                case 2, 3, 4:
                    return mutateEntry(r);
                case 5:
                    return mutateArrayHeader(r);
                case 6:
                    return restructure(r);
                default:
                    return splice(r, frameworkFile, scratchFile, "splice-scratch-into-framework");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A well-formed archive with one entry's content mutated. */
    private static ByteMutator.Mutated mutateEntry(SplittableRandom r) throws IOException {
        Map<String, byte[]> entries = unzip(frameworkFile);
        List<String> names = new ArrayList<>(entries.keySet());
        String name = names.get(r.nextInt(names.size()));
        ByteMutator.Mutated m = ByteMutator.mutate(entries.get(name), r);
        entries.put(name, m.bytes());
        return new ByteMutator.Mutated("entry/" + shortName(name) + "/" + m.mutation(), zip(entries));
    }

    /**
     * A field of an ND4J array header in coefficients.bin or updaterState.bin set to another value: the
     * element count, a shape dimension, the rank, the data type or the allocation mode.
     */
    private static ByteMutator.Mutated mutateArrayHeader(SplittableRandom r) throws IOException {
        Map<String, byte[]> entries = unzip(frameworkFile);
        String name = r.nextBoolean() ? "coefficients.bin" : "updaterState.bin";
        byte[] array = entries.get(name);
        ArrayLayout layout = ArrayLayout.of(array);
        ByteBuffer b = ByteBuffer.wrap(array);
        long[] lengths = {0, 1, -1, Long.MAX_VALUE, Integer.MAX_VALUE, 1L << 31, 1L << 40, layout.dataLength - 1,
                layout.dataLength + 1, r.nextLong()};
        String field;
        switch (r.nextInt(5)) {
            case 0 -> {
                field = "data-length";
                b.putLong(layout.dataLengthAt, lengths[r.nextInt(lengths.length)]);
            }
            case 1 -> {
                field = "shape-dimension";
                b.putLong(layout.shapeInfoAt + 8 * (1 + r.nextInt(2)), lengths[r.nextInt(lengths.length)]);
            }
            case 2 -> {
                field = "rank";
                b.putLong(layout.shapeInfoAt, r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(-2, 40));
            }
            case 3 -> {
                field = "shape-info-length";
                b.putLong(layout.shapeLengthAt, lengths[r.nextInt(lengths.length)]);
            }
            default -> {
                field = "data-type";
                String[] types = {"DOUBLE", "HALF", "LONG", "INT", "BYTE", "BOOL", "UTF8", "COMPRESSED", "FLOAT"};
                array = replaceUtf(array, layout.dataTypeAt, types[r.nextInt(types.length)]);
            }
        }
        entries.put(name, array);
        return new ByteMutator.Mutated("array-header/" + field, zip(entries));
    }

    /** Entries dropped, duplicated, swapped, or joined by a foreign one (a serialised object, a directory). */
    private static ByteMutator.Mutated restructure(SplittableRandom r) throws IOException {
        Map<String, byte[]> entries = unzip(frameworkFile);
        List<String> names = new ArrayList<>(entries.keySet());
        String name = names.get(r.nextInt(names.size()));
        switch (r.nextInt(5)) {
            case 0 -> {
                entries.remove(name);
                return new ByteMutator.Mutated("structure/drop-" + shortName(name), zip(entries));
            }
            case 1 -> {
                String other = names.get(r.nextInt(names.size()));
                byte[] swap = entries.get(name);
                entries.put(name, entries.get(other));
                entries.put(other, swap);
                return new ByteMutator.Mutated("structure/swap-contents", zip(entries));
            }
            case 2 -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(new java.util.ArrayList<>(List.of("not", "a", "preprocessor")));
                }
                entries.put("preprocessor.bin", bytes.toByteArray());
                return new ByteMutator.Mutated("structure/foreign-serialised-entry", zip(entries));
            }
            case 3 -> {
                // ZipOutputStream refuses a duplicate name: write a placeholder of the same length, then rename it.
                String placeholder = name.substring(0, name.length() - 1) + "#";
                Map<String, byte[]> withCopy = new LinkedHashMap<>(entries);
                withCopy.put(placeholder, ByteMutator.randomBytes(r, r.nextInt(64)));
                byte[] zip = zip(withCopy);
                byte[] from = placeholder.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] to = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (int i = 0; i + from.length <= zip.length; i++) {
                    if (Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                        System.arraycopy(to, 0, zip, i, to.length);
                    }
                }
                return new ByteMutator.Mutated("structure/duplicate-entry", zip);
            }
            default -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("objects/"));
                    zip.closeEntry();
                    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                        put(zip, e.getKey(), e.getValue());
                    }
                }
                return new ByteMutator.Mutated("structure/directory-entry", out.toByteArray());
            }
        }
    }

    private static ByteMutator.Mutated splice(SplittableRandom r, byte[] into, byte[] from, String name) {
        if (r.nextInt(10) != 0) {
            int cut = r.nextInt(into.length);
            int take = r.nextInt(from.length);
            byte[] out = Arrays.copyOf(into, cut + from.length - take);
            System.arraycopy(from, take, out, cut, from.length - take);
            return new ByteMutator.Mutated(name + "/tail", out);
        }
        return new ByteMutator.Mutated(name + "/whole", from.clone());
    }

    /** Where the fields of a saved ND4J array are: shape-info header and values, data header. */
    private record ArrayLayout(int shapeLengthAt, int shapeInfoAt, int dataLengthAt, long dataLength, int dataTypeAt) {
        static ArrayLayout of(byte[] array) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(array));
            int p = 2 + in.readUnsignedShort(); // allocation mode (UTF)
            in.skipNBytes(p - 2);
            int shapeLengthAt = p;
            long shapeLength = in.readLong();
            p += 8;
            int typeLength = in.readUnsignedShort();
            in.skipNBytes(typeLength);
            p += 2 + typeLength;
            int shapeInfoAt = p;
            in.skipNBytes(8 * shapeLength);
            p += (int) (8 * shapeLength);
            int modeLength = in.readUnsignedShort();
            in.skipNBytes(modeLength);
            p += 2 + modeLength;
            int dataLengthAt = p;
            long dataLength = in.readLong();
            p += 8;
            return new ArrayLayout(shapeLengthAt, shapeInfoAt, dataLengthAt, dataLength, p);
        }
    }

    private static byte[] replaceUtf(byte[] array, int at, String value) {
        int oldLength = 2 + ByteBuffer.wrap(array).getShort(at);
        byte[] utf = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] replacement = ByteBuffer.allocate(2 + utf.length).putShort((short) utf.length).put(utf).array();
        return ByteMutator.splice(array, at, at + oldLength, replacement);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String shortName(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1).replaceFirst("\\.(bin|json)$", "");
    }

    private static ImageSet first(ImageSet set, int n) {
        int f = set.featureCount();
        return new ImageSet(Arrays.copyOf(set.features(), n * f), Arrays.copyOf(set.labels(), n),
                Arrays.copyOf(set.digits(), n), n, f, set.classCount());
    }
}
