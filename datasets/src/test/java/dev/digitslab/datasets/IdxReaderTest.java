package dev.digitslab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.testing.ThreadAllocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    private static final int IMAGES = IdxReader.IMAGES_MAGIC;
    private static final int LABELS = IdxReader.LABELS_MAGIC;

    @TempDir
    Path dir;

    @Test
    void readsRealMnistTrainingAndTestSets() throws IOException {
        LabelledImages train = IdxReader.readLabelled(RealMnist.file(MnistFile.TRAIN_IMAGES),
                RealMnist.file(MnistFile.TRAIN_LABELS), 10);
        LabelledImages test = IdxReader.readLabelled(RealMnist.file(MnistFile.TEST_IMAGES),
                RealMnist.file(MnistFile.TEST_LABELS), 10);
        assertEquals(60000, train.count());
        assertEquals(10000, test.count());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
        assertEquals(5, train.label(0), "the first training image is a 5");
        assertEquals(0, train.label(1), "the second training image is a 0");
        assertEquals(7, test.label(0), "the first test image is a 7");
        assertEquals(2, test.label(1), "the second test image is a 2");
        // The first training image's top-left corner is blank; its strokes reach full intensity.
        assertEquals(0, train.pixel(0, 0));
        assertEquals(255, Arrays.stream(toInts(train, 0)).max().orElseThrow());
    }

    @Test
    void readsGzippedFileToTheSameBytesAsPlain() throws IOException {
        Path plain = RealMnist.file(MnistFile.TEST_IMAGES);
        Path gz = dir.resolve("t10k-images-idx3-ubyte.gz");
        RealMnist.writeGzip(gz, Files.readAllBytes(plain));
        IdxArray fromPlain = IdxReader.readImages(plain);
        IdxArray fromGzip = IdxReader.readImages(gz);
        assertArrayEquals(new int[] {10000, 28, 28}, fromGzip.dimensions());
        assertArrayEquals(fromPlain.data(), fromGzip.data());
    }

    @Test
    void streamsImagesInFileOrderWithTheSameBytesAsReadingThemWhole() throws IOException {
        Path images = RealMnist.file(MnistFile.TEST_IMAGES);
        IdxArray whole = IdxReader.readImages(images);
        byte[] streamed = new byte[whole.data().length];
        int[] next = {0};
        IdxReader.streamImages(images, RealMnist.file(MnistFile.TEST_LABELS), 10000, new IdxReader.ImageSink() {
            @Override
            public void begin(int rows, int cols) {
                assertEquals(28 * 28, rows * cols);
            }

            @Override
            public void accept(int image, byte[] pixels) {
                assertEquals(next[0]++, image);
                System.arraycopy(pixels, 0, streamed, image * pixels.length, pixels.length);
            }
        });
        assertEquals(10000, next[0]);
        assertArrayEquals(whole.data(), streamed);
    }

    @Test
    void streamingRejectsWhatReadingRejectsWithTheSameMessage() throws IOException {
        Path labels = IdxFiles.write(dir.resolve("labels"), LABELS, new int[] {10}, IdxFiles.realTestLabels(10));
        Path wrongDims = IdxFiles.write(dir.resolve("dims"), IMAGES, new int[] {10, 28, 29}, IdxFiles.realTestPixels(10));
        Path tooShort = IdxFiles.write(dir.resolve("short"), IMAGES, new int[] {10, 28, 28}, IdxFiles.realTestPixels(9));
        Path hugeImages = IdxFiles.write(dir.resolve("huge"), IMAGES, new int[] {10, 28, 280_000}, IdxFiles.realTestPixels(10));
        for (Path images : new Path[] {wrongDims, tooShort, hugeImages}) {
            DataFormatException read = assertThrows(DataFormatException.class, () -> IdxReader.readLabelled(images, labels, 10));
            DataFormatException streamed = assertThrows(DataFormatException.class,
                    () -> IdxReader.streamImages(images, labels, 10, new DiscardingSink()));
            assertEquals(read.getMessage(), streamed.getMessage());
        }
        Path fewerLabels = IdxFiles.write(dir.resolve("nine"), LABELS, new int[] {9}, IdxFiles.realTestLabels(9));
        Path images = IdxFiles.write(dir.resolve("images"), IMAGES, new int[] {10, 28, 28}, IdxFiles.realTestPixels(10));
        DataFormatException read = assertThrows(DataFormatException.class, () -> IdxReader.readLabelled(images, fewerLabels, 10));
        DataFormatException streamed = assertThrows(DataFormatException.class,
                () -> IdxReader.streamImages(images, fewerLabels, 9, new DiscardingSink()));
        assertEquals(read.getMessage(), streamed.getMessage());
    }

    private static final class DiscardingSink implements IdxReader.ImageSink {
        @Override
        public void begin(int rows, int cols) {
        }

        @Override
        public void accept(int image, byte[] pixels) {
        }
    }

    @Test
    void readsGzippedFashionMnistFromDebianPackageIfInstalled() throws IOException {
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        Path images = fashion.resolve("t10k-images-idx3-ubyte.gz");
        Assumptions.assumeTrue(Files.isRegularFile(images),
                "Debian package dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");
        LabelledImages test = IdxReader.readLabelled(images, fashion.resolve("t10k-labels-idx1-ubyte.gz"), 10);
        assertEquals(10000, test.count());
        assertEquals(9, test.label(0), "the first Fashion-MNIST test item is an ankle boot (class 9)");
    }

    @Test
    void rejectsTruncatedImageFile() throws IOException {
        Path file = dir.resolve("truncated-images");
        byte[] whole = IdxFiles.bytes(IMAGES, new int[] {10, 28, 28}, IdxFiles.realTestPixels(10));
        Files.write(file, Arrays.copyOf(whole, whole.length - 100));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "data length", "7840 bytes (10 x 28 x 28 per header)", "7740 bytes");
    }

    @Test
    void rejectsFileTruncatedInsideTheHeader() throws IOException {
        Path file = dir.resolve("short-header");
        Files.write(file, Arrays.copyOf(IdxFiles.bytes(IMAGES, new int[] {10, 28, 28}, new byte[0]), 9));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "header (offset 4)", "3 dimension sizes (12 bytes)", "end of file after 9 bytes");
    }

    @Test
    void rejectsImageFileLongerThanItsHeaderSays() throws IOException {
        // Header claims 9 images but 10 images' bytes follow.
        Path file = IdxFiles.write(dir.resolve("long-images"), IMAGES, new int[] {9, 28, 28}, IdxFiles.realTestPixels(10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "data length", "7056 bytes (9 x 28 x 28 per header)", "7840 bytes");
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        // A label file handed in as images.
        Path file = IdxFiles.write(dir.resolve("labels-as-images"), LABELS, new int[] {10}, IdxFiles.realTestLabels(10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "magic number (offset 0)", "2051", "2049");
    }

    @Test
    void rejectsUnsupportedDataType() throws IOException {
        // 0x0D = float data: a valid IDX type but not one MNIST uses.
        Path file = IdxFiles.write(dir.resolve("floats"), 0x0D01, new int[] {2}, new byte[8]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertNames(e, file, "data type (offset 2)", "0x08 (unsigned byte)", "0x0d");
    }

    @Test
    void rejectsDimensionsThatDisagreeWithFileLength() throws IOException {
        // Rows and cols swapped for 14 x 56: same pixel count is fine, but 28 x 29 is not.
        Path file = IdxFiles.write(dir.resolve("dims"), IMAGES, new int[] {10, 28, 29}, IdxFiles.realTestPixels(10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "data length", "8120 bytes (10 x 28 x 29 per header)", "7840 bytes");
    }

    @Test
    void rejectsHugeHeaderDimensionsWithoutAllocatingThem() throws IOException {
        // A fuzzed header claiming ~2 GB of pixels in a 7.8 kB file must not allocate 2 GB.
        Path file = IdxFiles.write(dir.resolve("fuzzed"), IMAGES, new int[] {2_700_000, 28, 28}, IdxFiles.realTestPixels(10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "data length", "2116800000 bytes", "7840 bytes");

        Path gz = dir.resolve("fuzzed.gz");
        RealMnist.writeGzip(gz, Files.readAllBytes(file));
        DataFormatException eg = assertThrows(DataFormatException.class, () -> IdxReader.readImages(gz));
        assertNames(eg, gz, "data length", "2116800000 bytes", "7840 bytes");
    }

    @Test
    void rejectsGzippedHeaderClaimingHugeImagesWithoutAllocatingThem() throws IOException {
        // Found by IdxReaderFuzzTest: 200 real images whose header claims 60000 columns, gzipped (35 kB). The
        // reader used to allocate the deflate bound, 1032 x 35 kB = 36 MB, before finding the data short.
        ThreadAllocation.assumeSupported();
        Path gz = TestResources.copy("fuzz-regressions/gzip-images-claiming-60000-cols", dir);
        long before = ThreadAllocation.now();
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(gz));
        long allocated = ThreadAllocation.now() - before;
        assertNames(e, gz, "data length", "336000000 bytes (200 x 28 x 60000 per header)", "156800 bytes");
        long content = 16 + 200 * 784;
        assertTrue(allocated < 4 * content + IdxReaderFuzzTest.ALLOCATION_SLACK, "allocated " + allocated + " bytes");
    }

    @Test
    void rejectsGzippedRandomImagesPairedWithLabelsWithoutAllocatingTheDeflateBound() throws IOException {
        // Found by IdxReaderFuzzTest: a valid header, then 3 kB of random bytes, gzipped; 3 MB were allocated.
        ThreadAllocation.assumeSupported();
        Path images = TestResources.copy("fuzz-regressions/gzip-random-images-after-header.gz", dir);
        Path labels = TestResources.copy("fuzz-regressions/gzip-labels-paired-with-random-images.gz", dir);
        long before = ThreadAllocation.now();
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabelled(images, labels, 10));
        long allocated = ThreadAllocation.now() - before;
        assertNames(e, images, "data length", "246103200 bytes (200 x 28 x 43947 per header)", "3018 bytes");
        assertTrue(allocated < 4 * (Files.size(images) + Files.size(labels)) + IdxReaderFuzzTest.ALLOCATION_SLACK,
                "allocated " + allocated + " bytes");
    }

    @Test
    void rejectsDimensionsBeyondAnyArray() throws IOException {
        Path file = IdxFiles.write(dir.resolve("overflow"), IMAGES, new int[] {60000, 60000, 28}, new byte[0]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "dimensions 60000 x 60000", "at most 2147483639 values", "more than that");
    }

    @Test
    void rejectsNegativeDimension() throws IOException {
        Path file = IdxFiles.write(dir.resolve("negative"), IMAGES, new int[] {-1, 28, 28}, new byte[0]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "size of dimension 0 (offset 4)", "a size in 0..2147483647", "4294967295");
    }

    @Test
    void rejectsImageAndLabelCountMismatch() throws IOException {
        Path images = IdxFiles.write(dir.resolve("images"), IMAGES, new int[] {10, 28, 28}, IdxFiles.realTestPixels(10));
        Path labels = IdxFiles.write(dir.resolve("labels"), LABELS, new int[] {9}, IdxFiles.realTestLabels(9));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabelled(images, labels, 10));
        assertNames(e, labels, "item count (offset 4)", "10 labels, the image count of " + images, "9");
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        byte[] labels = IdxFiles.realTestLabels(10);
        labels[6] = 10;
        Path file = IdxFiles.write(dir.resolve("labels"), LABELS, new int[] {10}, labels);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file, 10));
        assertNames(e, file, "label of item 6 (offset 14)", "a label in 0..9", "10");
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        byte[] idx = IdxFiles.bytes(IMAGES, new int[] {10, 28, 28}, IdxFiles.realTestPixels(10));
        Path gz = dir.resolve("images.gz");
        RealMnist.writeGzip(gz, idx);
        byte[] compressed = Files.readAllBytes(gz);
        for (int i = 20; i < compressed.length - 8; i += 7) {
            compressed[i] ^= 0x5a;
        }
        Files.write(gz, compressed);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(gz));
        assertNames(e, gz, "gzip stream", "a complete, valid gzip stream", "corrupt data");
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        byte[] idx = IdxFiles.bytes(IMAGES, new int[] {10, 28, 28}, IdxFiles.realTestPixels(10));
        Path gz = dir.resolve("images.gz");
        RealMnist.writeGzip(gz, idx);
        byte[] compressed = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(compressed, compressed.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(gz));
        assertNames(e, gz, "gzip stream (uncompressed offset", "a complete, valid gzip stream", "corrupt data");
    }

    @Test
    void rejectsGzNamedFileWithoutGzipSignature() throws IOException {
        Path file = dir.resolve("images.gz");
        Files.write(file, new byte[] {'P', 'K', 3, 4});
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertNames(e, file, "gzip signature (offset 0)", "bytes 1f 8b", "bytes 50 4b");
    }

    /** The message must name the file, where in it, what was expected and what was found. */
    static void assertNames(DataFormatException e, Path file, String where, String expected, String found) {
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), () -> "file missing from: " + m);
        assertTrue(m.contains(where), () -> "'" + where + "' missing from: " + m);
        assertTrue(m.contains("expected " + expected) || m.contains(expected), () -> "'" + expected + "' missing from: " + m);
        assertTrue(m.contains("found " + found), () -> "'found " + found + "' missing from: " + m);
        assertEquals(file, e.file());
    }

    private static int[] toInts(LabelledImages images, int image) {
        int[] v = new int[images.pixelCount()];
        for (int p = 0; p < v.length; p++) {
            v[p] = images.pixel(image, p);
        }
        return v;
    }
}
