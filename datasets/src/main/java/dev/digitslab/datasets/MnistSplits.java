package dev.digitslab.datasets;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.seed.SeedStream;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * The train / validation / test splits every experiment uses, built from real MNIST (or, when the data
 * spec names {@code fashion-mnist}, from Fashion-MNIST in a local directory: see {@link FashionMnistLocator}).
 * <ul>
 *   <li>Test: the official 10,000-image test set, keeping only the task's digits.</li>
 *   <li>Train and validation: the official 60,000-image training set (only the task's digits), optionally
 *       first reduced to a stratified subset of {@link DataSpec#subset()} images, then split with
 *       {@link DataSpec#validationFraction()} held out for validation. Both draws are stratified by task
 *       label (largest-remainder rounding: each class within one image of its exact share) and drawn
 *       by a {@link SplittableRandom} seeded with the seed's {@link SeedStream} for that draw.</li>
 *   <li>Order: every split keeps the natural file order of its images (training runs shuffle per epoch
 *       with {@link dev.digitslab.api.data.BatchOrder}); so the same (data spec, seed) gives identical
 *       arrays in identical order on any machine.</li>
 *   <li>Pixels are byte/255f; {@link ImageSet#digits()} holds the original digit.</li>
 * </ul>
 * The splits are built as the image files stream by, one raw image at a time, so building them never needs
 * the raw pixels (about 55 MB) on top of their floats (unless the raw data is in memory anyway: then it is
 * used). The {@value #KEPT_SPLITS} most recent splits are kept while memory allows, so repeated loads are cheap
 * and a tight heap still fits the splits alone. Runs that ask for the same
 * splits at the same time (both implementations of a seed, run in parallel) wait for one build and share its
 * arrays, read-only.
 */
public final class MnistSplits {
    public static final String MNIST = "mnist";
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Pixels per image of both data sets (28 × 28): the input width of every network trained on them. */
    public static final int IMAGE_PIXELS = 28 * 28;

    /** Raw data per data set, read only when asked for ({@link #dataset}) and kept while memory allows. */
    private static final Map<String, SoftReference<MnistDataset>> DATASETS = new HashMap<>();
    /** The verified files per data set, found once per JVM. */
    private static final Map<String, MnistFiles> FILES = new HashMap<>();
    /** Splits kept: enough for every run of a few seeds at once, each only while memory allows. */
    static final int KEPT_SPLITS = 4;
    private static final Map<SplitKey, SoftReference<Splits>> RECENT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SplitKey, SoftReference<Splits>> eldest) {
            return size() > KEPT_SPLITS;
        }
    };
    /** Splits being built now, so that a second run asking for them waits instead of building them again. */
    private static final Map<SplitKey, CompletableFuture<Splits>> BUILDING = new HashMap<>();

    private record SplitKey(String dataset, TaskSpec task, double validationFraction, Integer subset, long seed) {
    }

    /**
     * Which images go where, decided from the labels alone.
     *
     * @param trainLabels (official train count) task label of every official training image, −1 if left out
     * @param train       ascending indices of the official training images that form the training split
     * @param validation  ascending indices of the official training images held out for validation
     * @param testLabels  (official test count) task label of every official test image, −1 if left out
     * @param test        ascending indices of the official test images that form the test split
     */
    private record SplitPlan(int[] trainLabels, int[] train, int[] validation, int[] testLabels, int[] test) {
    }

    private MnistSplits() {
    }

    /**
     * The splits of real MNIST for this data spec and seed; the files are found by
     * {@link MnistLocator#fromEnvironment()}.
     *
     * @throws IllegalArgumentException if the data set is neither {@code mnist} nor {@code fashion-mnist}
     *                                  (case-insensitive), or the spec's numbers are out of range
     * @throws UncheckedIOException     if MNIST cannot be found or fetched ({@link MnistUnavailableException},
     *                                  whose message says how to provide it), or a file is malformed
     *                                  ({@link DataFormatException})
     */
    public static Splits load(DataSpec data, long seed) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(data.task(), "data.task");
        String name = data.dataset().toLowerCase(Locale.ROOT);
        if (!name.equals(MNIST) && !name.equals(FASHION_MNIST)) {
            throw new IllegalArgumentException("data set '" + data.dataset()
                    + "' is not supported: MnistSplits loads 'mnist' (or 'fashion-mnist' from a local directory)");
        }
        SplitKey key = new SplitKey(name, data.task(), data.validationFraction(), data.subset(), seed);
        CompletableFuture<Splits> building;
        CompletableFuture<Splits> mine = null;
        synchronized (MnistSplits.class) {
            SoftReference<Splits> kept = RECENT.get(key);
            Splits splits = kept == null ? null : kept.get();
            if (splits != null) {
                return splits;
            }
            building = BUILDING.get(key);
            if (building == null) {
                mine = new CompletableFuture<>();
                BUILDING.put(key, mine);
            }
        }
        if (mine == null) {
            try {
                return building.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Splits splits = build(name, data.task(), data.validationFraction(), data.subset(), seed);
            synchronized (MnistSplits.class) {
                RECENT.put(key, new SoftReference<>(splits));
                BUILDING.remove(key);
            }
            mine.complete(splits);
            return splits;
        } catch (RuntimeException | Error e) {
            synchronized (MnistSplits.class) {
                BUILDING.remove(key);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** From the raw data if it is in memory, else streamed from the files. */
    private static Splits build(String name, TaskSpec task, double validationFraction, Integer subset, long seed) {
        MnistDataset inMemory;
        synchronized (MnistSplits.class) {
            SoftReference<MnistDataset> kept = DATASETS.get(name);
            inMemory = kept == null ? null : kept.get();
        }
        if (inMemory != null) {
            return split(inMemory.train(), inMemory.test(), task, validationFraction, subset, seed);
        }
        try {
            return stream(files(name), task, validationFraction, subset, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Splits as {@link #split} does, reading the labels first and then streaming each image file once into
     * the float arrays of its splits: the raw pixels are never held whole.
     */
    static Splits stream(MnistFiles files, TaskSpec task, double validationFraction, Integer subset,
                         long seed) throws IOException {
        Path trainLabelFile = files.path(MnistFile.TRAIN_LABELS);
        Path testLabelFile = files.path(MnistFile.TEST_LABELS);
        byte[] trainDigits = IdxReader.readLabels(trainLabelFile, MnistDataset.CLASS_COUNT);
        byte[] testDigits = IdxReader.readLabels(testLabelFile, MnistDataset.CLASS_COUNT);
        SplitPlan plan = plan(trainDigits, testDigits, task, validationFraction, subset, seed);
        StreamedImageSets trainSide = new StreamedImageSets(new int[][] {plan.train(), plan.validation()},
                plan.trainLabels(), trainDigits, task.classes());
        IdxReader.streamImages(files.path(MnistFile.TRAIN_IMAGES), trainLabelFile, trainDigits.length, trainSide);
        StreamedImageSets testSide = new StreamedImageSets(new int[][] {plan.test()}, plan.testLabels(), testDigits,
                task.classes());
        IdxReader.streamImages(files.path(MnistFile.TEST_IMAGES), testLabelFile, testDigits.length, testSide);
        return new Splits(task, seed, trainSide.result(0), trainSide.result(1), testSide.result(0));
    }

    /** The verified files of a data set, found once per JVM. */
    private static synchronized MnistFiles files(String name) throws IOException {
        MnistFiles files = FILES.get(name);
        if (files == null) {
            files = switch (name) {
                case MNIST -> MnistLocator.fromEnvironment().resolve();
                case FASHION_MNIST -> FashionMnistLocator.fromEnvironment().resolve();
                default -> throw new IllegalArgumentException("unknown data set '" + name + "'");
            };
            FILES.put(name, files);
        }
        return files;
    }

    /** The raw MNIST data, read on first use and kept while memory allows. */
    public static MnistDataset dataset() {
        return dataset(MNIST);
    }

    /**
     * The raw data of {@code mnist} (found by {@link MnistLocator#fromEnvironment()}) or {@code fashion-mnist}
     * (found by {@link FashionMnistLocator#fromEnvironment()}), read on first use and kept while memory allows.
     */
    public static synchronized MnistDataset dataset(String dataSetName) {
        String name = dataSetName.toLowerCase(Locale.ROOT);
        SoftReference<MnistDataset> kept = DATASETS.get(name);
        MnistDataset dataset = kept == null ? null : kept.get();
        if (dataset == null) {
            try {
                dataset = MnistDataset.read(files(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            DATASETS.put(name, new SoftReference<>(dataset));
        }
        return dataset;
    }

    /**
     * Splits raw data as {@link #load} does (any labelled images with labels 0..9, e.g. read from CSV).
     *
     * @param officialTrain      the official training set: becomes train + validation
     * @param officialTest       the official test set: becomes test
     * @param validationFraction fraction of the (subset of the) training images held out, in (0, 1)
     * @param subset             stratified number of training images to use before the validation split,
     *                           or null for all
     */
    public static Splits split(LabelledImages officialTrain, LabelledImages officialTest, TaskSpec task,
                               double validationFraction, Integer subset, long seed) {
        SplitPlan plan = plan(officialTrain.labels(), officialTest.labels(), task, validationFraction, subset, seed);
        int classCount = task.classes();
        return new Splits(task, seed,
                ImageSetBuilder.build(officialTrain, plan.train(), plan.trainLabels(), classCount),
                ImageSetBuilder.build(officialTrain, plan.validation(), plan.trainLabels(), classCount),
                ImageSetBuilder.build(officialTest, plan.test(), plan.testLabels(), classCount));
    }

    /** Decides the splits from the digits of the official training and test images. */
    private static SplitPlan plan(byte[] trainDigits, byte[] testDigits, TaskSpec task, double validationFraction,
                                  Integer subset, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), was " + validationFraction);
        }
        int classCount = task.classes();
        int[] trainLabels = taskLabels(trainDigits, task);
        int[] pool = IntStream.range(0, trainDigits.length).filter(i -> trainLabels[i] >= 0).toArray();

        if (subset != null) {
            if (subset < 2 || subset > pool.length) {
                throw new IllegalArgumentException("subset must be in 2.." + pool.length + " (the training images of task "
                        + task.describe() + "), was " + subset);
            }
            boolean[] inSubset = draw(pool, trainLabels, classCount, subset,
                    stream(seed, SeedStream.Purpose.SPLIT_SUBSET));
            pool = pick(pool, inSubset, true);
        }

        int validationCount = (int) Math.round(validationFraction * pool.length);
        if (validationCount == 0 || validationCount == pool.length) {
            throw new IllegalArgumentException("validationFraction " + validationFraction + " of " + pool.length
                    + " training images leaves train or validation empty");
        }
        boolean[] held = draw(pool, trainLabels, classCount, validationCount,
                stream(seed, SeedStream.Purpose.SPLIT_VALIDATION));
        int[] validation = pick(pool, held, true);
        int[] train = pick(pool, held, false);

        int[] testLabels = taskLabels(testDigits, task);
        int[] test = IntStream.range(0, testDigits.length).filter(i -> testLabels[i] >= 0).toArray();
        return new SplitPlan(trainLabels, train, validation, testLabels, test);
    }

    private static SplittableRandom stream(long seed, SeedStream.Purpose purpose) {
        return new SplittableRandom(SeedStream.of(seed, purpose, 0));
    }

    /** (pool.length) a stratified random draw of {@code count} of the pool's images. */
    private static boolean[] draw(int[] pool, int[] labels, int classCount, int count, SplittableRandom random) {
        int[] poolLabels = Arrays.stream(pool).map(i -> labels[i]).toArray();
        int[] take = StratifiedSampler.allocate(StratifiedSampler.countByClass(poolLabels, classCount), count);
        return StratifiedSampler.draw(poolLabels, take, random);
    }

    /** The pool's images whose mark equals {@code wanted}, in natural order. */
    private static int[] pick(int[] pool, boolean[] marks, boolean wanted) {
        return IntStream.range(0, pool.length).filter(i -> marks[i] == wanted).map(i -> pool[i]).toArray();
    }

    /** (count) the task label of every image, −1 for images the task leaves out. */
    private static int[] taskLabels(byte[] digits, TaskSpec task) {
        int[] labels = new int[digits.length];
        for (int i = 0; i < labels.length; i++) {
            int digit = digits[i] & 0xff;
            if (digit > 9) {
                throw new IllegalArgumentException("image " + i + " has label " + digit + ", expected a digit 0-9");
            }
            labels[i] = task.labelOf(digit);
        }
        return labels;
    }
}
