package dev.digitslab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.TaskSpec;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MnistSplitsTest {
    private static final TaskSpec MULTICLASS = new TaskSpec.Multiclass();

    private static LabelledImages officialTrain() {
        return RealMnist.dataset().train();
    }

    private static LabelledImages officialTest() {
        return RealMnist.dataset().test();
    }

    private static Splits split(TaskSpec task, double fraction, Integer subset, long seed) {
        return MnistSplits.split(officialTrain(), officialTest(), task, fraction, subset, seed);
    }

    @Test
    void loadGivesDocumentedSizesAndScaledPixels() {
        Splits s = MnistSplits.load(new DataSpec("mnist", MULTICLASS, null, null), 7);
        assertEquals(54000, s.train().count());
        assertEquals(6000, s.validation().count());
        assertEquals(10000, s.test().count());
        assertEquals(784, s.train().featureCount());
        assertEquals(10, s.train().classCount());
        // The test set is the official one, in file order, pixels exactly byte/255f.
        LabelledImages test = officialTest();
        for (int i = 0; i < test.count(); i += 997) {
            for (int p = 0; p < 784; p++) {
                assertEquals(test.pixel(i, p) / 255f, s.test().features()[i * 784 + p]);
            }
            assertEquals(test.label(i), s.test().labels()[i]);
            assertEquals(test.label(i), s.test().digits()[i]);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float f : s.train().features()) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void loadAcceptsDataSetNameInAnyCase() {
        Splits s = MnistSplits.load(new DataSpec("MNIST", MULTICLASS, 0.5, 100), 1);
        assertEquals(50, s.validation().count());
    }

    @Test
    void loadRejectsOtherDataSets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistSplits.load(new DataSpec("cifar-10", MULTICLASS, null, null), 1));
        assertTrue(e.getMessage().contains("'cifar-10'") && e.getMessage().contains("mnist"), e.getMessage());
    }

    @Test
    void sameSeedGivesIdenticalSplits() {
        Splits a = split(MULTICLASS, 0.1, null, 42);
        Splits b = split(MULTICLASS, 0.1, null, 42);
        assertNotSame(a.train().features(), b.train().features());
        assertEquals(a.train(), b.train());
        assertEquals(a.validation(), b.validation());
        assertEquals(a.test(), b.test());
    }

    @Test
    void streamingTheFilesGivesTheSameSplitsAsSplittingTheRawData() throws IOException {
        MnistFiles files = RealMnist.dataset().files();
        for (TaskSpec task : new TaskSpec[] {MULTICLASS, new TaskSpec.DigitVsDigit(3, 8)}) {
            Splits raw = split(task, 0.1, null, 42);
            Splits streamed = MnistSplits.stream(files, task, 0.1, null, 42);
            assertEquals(raw.train(), streamed.train(), task.describe());
            assertEquals(raw.validation(), streamed.validation(), task.describe());
            assertEquals(raw.test(), streamed.test(), task.describe());
        }
        Splits raw = split(new TaskSpec.DigitVsRest(7), 0.2, 1000, 5);
        Splits streamed = MnistSplits.stream(files, new TaskSpec.DigitVsRest(7), 0.2, 1000, 5);
        assertEquals(raw.train(), streamed.train());
        assertEquals(raw.validation(), streamed.validation());
        assertEquals(raw.test(), streamed.test());
    }

    @Test
    void differentSeedGivesDifferentValidationSet() {
        Splits a = split(MULTICLASS, 0.1, null, 42);
        Splits b = split(MULTICLASS, 0.1, null, 43);
        assertEquals(a.validation().count(), b.validation().count());
        assertFalse(Arrays.equals(a.validation().features(), b.validation().features()));
        assertFalse(Arrays.equals(a.train().features(), b.train().features()));
        assertEquals(a.test(), b.test(), "the test set does not depend on the seed");
    }

    @Test
    void validationIsStratifiedByClass() {
        Splits s = split(MULTICLASS, 0.1, null, 3);
        int[] official = digitCounts(officialTrain());
        int[] validation = labelCounts(s.validation(), 10);
        for (int c = 0; c < 10; c++) {
            assertEquals(0.1 * official[c], validation[c], 1.0, "validation images of digit " + c);
        }
        assertEquals(6000, Arrays.stream(validation).sum());
    }

    @Test
    void trainAndValidationPartitionTheTrainingSetInFileOrder() {
        Splits s = split(MULTICLASS, 0.1, null, 11);
        long[] official = rowHashes(officialTrain());
        long[] train = rowHashes(s.train());
        long[] validation = rowHashes(s.validation());
        // Every official image is in exactly one of train and validation (as a multiset: MNIST may repeat images).
        long[] both = new long[train.length + validation.length];
        System.arraycopy(train, 0, both, 0, train.length);
        System.arraycopy(validation, 0, both, train.length, validation.length);
        long[] sortedOfficial = official.clone();
        Arrays.sort(sortedOfficial);
        Arrays.sort(both);
        assertArrayEquals(sortedOfficial, both);
        // Each split keeps the file order: it is a subsequence of the official order.
        assertTrue(isSubsequence(train, official), "train is not in file order");
        assertTrue(isSubsequence(validation, official), "validation is not in file order");
    }

    @Test
    void subsetHasTheRequestedSizeAndIsStratified() {
        Splits s = split(MULTICLASS, 0.2, 1000, 5);
        assertEquals(800, s.train().count());
        assertEquals(200, s.validation().count());
        assertEquals(10000, s.test().count(), "the test set is never subset");
        int[] official = digitCounts(officialTrain());
        int[] train = labelCounts(s.train(), 10);
        int[] validation = labelCounts(s.validation(), 10);
        for (int c = 0; c < 10; c++) {
            int inSubset = train[c] + validation[c];
            assertEquals(1000.0 * official[c] / 60000, inSubset, 1.0, "subset images of digit " + c);
            assertEquals(0.2 * inSubset, validation[c], 1.0, "validation images of digit " + c);
        }
    }

    @Test
    void digitVsRestLabelsOnlyThatDigitPositiveAndStratifiesByTaskLabel() {
        Splits s = split(new TaskSpec.DigitVsRest(4), 0.1, null, 9);
        assertEquals(54000, s.train().count());
        assertEquals(2, s.train().classCount());
        for (ImageSet set : new ImageSet[] {s.train(), s.validation(), s.test()}) {
            for (int i = 0; i < set.count(); i++) {
                assertEquals(set.digits()[i] == 4 ? 1 : 0, set.labels()[i]);
            }
        }
        int fours = digitCounts(officialTrain())[4];
        assertEquals(0.1 * fours, labelCounts(s.validation(), 2)[1], 1.0);
        assertEquals(0.1 * (60000 - fours), labelCounts(s.validation(), 2)[0], 1.0);
    }

    @Test
    void digitVsDigitKeepsOnlyTheTwoDigits() {
        Splits s = split(new TaskSpec.DigitVsDigit(3, 8), 0.1, null, 2);
        int[] official = digitCounts(officialTrain());
        int[] officialTest = digitCounts(officialTest());
        assertEquals(official[3] + official[8], s.train().count() + s.validation().count());
        assertEquals(officialTest[3] + officialTest[8], s.test().count());
        for (ImageSet set : new ImageSet[] {s.train(), s.validation(), s.test()}) {
            for (int i = 0; i < set.count(); i++) {
                int digit = set.digits()[i];
                assertTrue(digit == 3 || digit == 8, "digit " + digit + " should have been left out");
                assertEquals(digit == 8 ? 1 : 0, set.labels()[i]);
            }
        }
    }

    @Test
    void rejectsSubsetLargerThanTheTaskTrainingSet() {
        int zerosAndOnes = digitCounts(officialTrain())[0] + digitCounts(officialTrain())[1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(new TaskSpec.DigitVsDigit(0, 1), 0.1, zerosAndOnes + 1, 1));
        assertTrue(e.getMessage().contains("subset must be in 2.." + zerosAndOnes), e.getMessage());
    }

    @Test
    void rejectsValidationFractionOutsideOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> split(MULTICLASS, 1.0, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> split(MULTICLASS, 0.0, 100, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> split(MULTICLASS, 0.1, 4, 1));
        assertTrue(e.getMessage().contains("leaves train or validation empty"), e.getMessage());
    }

    private static int[] digitCounts(LabelledImages images) {
        int[] counts = new int[10];
        for (int i = 0; i < images.count(); i++) {
            counts[images.label(i)]++;
        }
        return counts;
    }

    private static int[] labelCounts(ImageSet set, int classes) {
        int[] counts = new int[classes];
        for (int label : set.labels()) {
            counts[label]++;
        }
        return counts;
    }

    private static long[] rowHashes(LabelledImages images) {
        long[] hashes = new long[images.count()];
        for (int i = 0; i < images.count(); i++) {
            long h = 1125899906842597L;
            for (int p = 0; p < 784; p++) {
                h = 31 * h + images.pixel(i, p);
            }
            hashes[i] = h * 16 + images.label(i);
        }
        return hashes;
    }

    private static long[] rowHashes(ImageSet set) {
        long[] hashes = new long[set.count()];
        for (int i = 0; i < set.count(); i++) {
            long h = 1125899906842597L;
            for (int p = 0; p < 784; p++) {
                h = 31 * h + Math.round(set.features()[i * 784 + p] * 255f);
            }
            hashes[i] = h * 16 + set.digits()[i];
        }
        return hashes;
    }

    private static boolean isSubsequence(long[] part, long[] whole) {
        int j = 0;
        for (int i = 0; i < whole.length && j < part.length; i++) {
            if (whole[i] == part[j]) {
                j++;
            }
        }
        return j == part.length;
    }
}
