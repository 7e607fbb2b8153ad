package dev.digitslab.datasets;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), plain or gzipped, and validates them completely:
 * magic number, data type, dimensions, data length against the header, label range, and image/label count
 * agreement. Allocations are bounded by what the file can really hold, never by what its header claims,
 * so a corrupt header cannot exhaust memory.
 *
 * <p>Format: bytes 0–1 zero, byte 2 the data type (0x08 = unsigned byte, the only one MNIST uses), byte 3
 * the number of dimensions; then each dimension as a big-endian 32-bit integer; then the data, row-major.
 */
public final class IdxReader {
    /** Magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x0801;
    /** Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, cols). */
    public static final int IMAGES_MAGIC = 0x0803;

    private static final int UNSIGNED_BYTE = 0x08;
    /** Largest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** First buffer for gzipped data, doubled as data arrives. */
    private static final int FIRST_GZIP_BUFFER = 1 << 16;
    /**
     * Most bytes asked of the stream per read call. A file channel copies each read through a temporary
     * native buffer as large as the request and keeps it cached for the thread: one 47 MB read would hold
     * 47 MB of native memory for the rest of the JVM's life.
     */
    private static final int MAX_READ = 1 << 16;

    private IdxReader() {
    }

    /** Reads any unsigned-byte IDX file. */
    public static IdxArray read(Path file) throws IOException {
        return read(file, -1);
    }

    /** Reads an image file (magic 2051: count, rows, cols); rows and cols must be positive. */
    public static IdxArray readImages(Path file) throws IOException {
        IdxArray images = read(file, IMAGES_MAGIC);
        checkImageSize(file, images.dimensions());
        return images;
    }

    /** Reads a label file (magic 2049) and checks every label is in 0..classCount−1. */
    public static byte[] readLabels(Path file, int classCount) throws IOException {
        IdxArray labels = read(file, LABELS_MAGIC);
        byte[] data = labels.data();
        int header = headerLength(1);
        for (int i = 0; i < data.length; i++) {
            int label = data[i] & 0xff;
            if (label >= classCount) {
                throw new DataFormatException(file, "label of item " + i + " (offset " + (header + i) + ")",
                        "a label in 0.." + (classCount - 1), Integer.toString(label));
            }
        }
        return data;
    }

    /** Reads an image file and its label file and checks they describe the same number of items. */
    public static LabelledImages readLabelled(Path imageFile, Path labelFile, int classCount) throws IOException {
        IdxArray images = readImages(imageFile);
        byte[] labels = readLabels(labelFile, classCount);
        int[] d = images.dimensions();
        if (labels.length != d[0]) {
            throw countMismatch(imageFile, labelFile, d[0], labels.length);
        }
        return new LabelledImages(images.data(), labels, d[0], d[1], d[2]);
    }

    /** Receives the images of an image file one at a time, in file order. */
    interface ImageSink {
        /** Called once, before any image, with the image size from the validated header. */
        void begin(int rows, int cols);

        /**
         * @param image  index of the image in the file
         * @param pixels (rows * cols) its unsigned pixel bytes; reused for the next image, so copy what you keep
         */
        void accept(int image, byte[] pixels);
    }

    /**
     * Streams an image file (magic 2051) through {@code sink} one image at a time, without ever holding the
     * whole file, after checking it has as many images as its label file has labels; the file is validated as
     * strictly as by {@link #readLabelled}. A file whose data turns out too short or too long is reported after
     * the sink saw the images that were there.
     *
     * @param labelFile  the image file's label file, named in the error when the counts differ
     * @param labelCount how many labels it has
     */
    static void streamImages(Path imageFile, Path labelFile, int labelCount, ImageSink sink) throws IOException {
        long maxContent = DecompressingInput.maxUncompressedLength(imageFile);
        try (InputStream in = DecompressingInput.open(imageFile)) {
            boolean gzip = in instanceof GZIPInputStream;
            Header h = readHeader(imageFile, in, IMAGES_MAGIC, gzip);
            checkImageSize(imageFile, h.dimensions());
            int count = h.dimensions()[0];
            if (labelCount != count) {
                throw countMismatch(imageFile, labelFile, count, labelCount);
            }
            sink.begin(h.dimensions()[1], h.dimensions()[2]);
            long found = 0;
            long imageLength = count == 0 ? 0 : h.length() / count;
            if (imageLength > Math.max(0, maxContent - h.bytes())) {
                // Not even one image fits in the file: count what is there instead of allocating a lying size.
                found = countRemaining(imageFile, in, h.bytes(), gzip);
            } else if (count > 0) {
                byte[] image = new byte[(int) imageLength]; // (rows * cols)
                for (int i = 0; i < count; i++) {
                    int read = readInto(imageFile, in, image, 0, image.length, h.bytes() + found, gzip);
                    found += read;
                    if (read < image.length) {
                        break;
                    }
                    sink.accept(i, image);
                }
            }
            checkLength(imageFile, in, h, found, gzip);
        }
    }

    /** The header of an IDX file: magic number, dimensions, its own size in bytes and the data length it declares. */
    private record Header(int magic, int[] dimensions, int bytes, long length) {
    }

    private static IdxArray read(Path file, int expectedMagic) throws IOException {
        long maxContent = DecompressingInput.maxUncompressedLength(file);
        try (InputStream in = DecompressingInput.open(file)) {
            boolean gzip = in instanceof GZIPInputStream;
            Header h = readHeader(file, in, expectedMagic, gzip);
            // Never allocate more than the file can hold: a header claiming gigabytes in a small file is
            // reported as truncated, not as OutOfMemoryError (see readFully for gzip).
            long available = Math.max(0, maxContent - h.bytes());
            byte[] data = readFully(file, in, (int) Math.min(h.length(), available), h.bytes(), gzip);
            checkLength(file, in, h, data.length, gzip);
            return new IdxArray(h.magic(), h.dimensions(), data);
        }
    }

    private static Header readHeader(Path file, InputStream in, int expectedMagic, boolean gzip) throws IOException {
        byte[] start = readFully(file, in, 4, 0, gzip);
        if (start.length < 4) {
            throw new DataFormatException(file, "magic number (offset 0)", "4 bytes",
                    "end of file after " + start.length + " bytes");
        }
        int magic = bigEndian(start, 0);
        if (expectedMagic >= 0 && magic != expectedMagic) {
            throw new DataFormatException(file, "magic number (offset 0)", describeMagic(expectedMagic),
                    magic + String.format(" (0x%08x)", magic));
        }
        if (start[0] != 0 || start[1] != 0) {
            throw new DataFormatException(file, "magic number bytes 0-1", "00 00",
                    String.format("%02x %02x", start[0] & 0xff, start[1] & 0xff));
        }
        if ((start[2] & 0xff) != UNSIGNED_BYTE) {
            throw new DataFormatException(file, "data type (offset 2)", "0x08 (unsigned byte)",
                    String.format("0x%02x", start[2] & 0xff));
        }
        int rank = start[3] & 0xff;
        if (rank == 0) {
            throw new DataFormatException(file, "number of dimensions (offset 3)", "at least 1", "0");
        }
        byte[] dimBytes = readFully(file, in, 4 * rank, 4, gzip);
        if (dimBytes.length < 4 * rank) {
            throw new DataFormatException(file, "header (offset 4)", rank + " dimension sizes ("
                    + 4 * rank + " bytes)", "end of file after " + (4 + dimBytes.length) + " bytes");
        }
        int[] dims = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = bigEndian(dimBytes, 4 * i);
            if (dims[i] < 0) {
                throw new DataFormatException(file, "size of dimension " + i + " (offset " + (4 + 4 * i) + ")",
                        "a size in 0.." + Integer.MAX_VALUE, Integer.toUnsignedString(dims[i]));
            }
            length *= dims[i];
            if (length > MAX_ARRAY) {
                throw new DataFormatException(file, "dimensions " + dimensionText(dims, i + 1),
                        "at most " + MAX_ARRAY + " values in total", "more than that");
            }
        }
        return new Header(magic, dims, headerLength(rank), length);
    }

    /** Checks that the data after the header is exactly as long as the header says ({@code found} bytes read so far). */
    private static void checkLength(Path file, InputStream in, Header h, long found, boolean gzip) throws IOException {
        if (found == h.length()) {
            found += countRemaining(file, in, h.bytes() + h.length(), gzip);
        }
        if (found != h.length()) {
            throw new DataFormatException(file, "data length (bytes after the " + h.bytes() + "-byte header)",
                    h.length() + " bytes (" + dimensionText(h.dimensions(), h.dimensions().length) + " per header)",
                    found + " bytes");
        }
    }

    private static void checkImageSize(Path file, int[] d) throws DataFormatException {
        if (d[1] <= 0 || d[2] <= 0) {
            throw new DataFormatException(file, "image size (rows x cols at offsets 8 and 12)",
                    "positive rows and cols", d[1] + " x " + d[2]);
        }
    }

    private static DataFormatException countMismatch(Path imageFile, Path labelFile, int images, int labels) {
        return new DataFormatException(labelFile, "item count (offset 4)",
                images + " labels, the image count of " + imageFile, Integer.toString(labels));
    }

    static int headerLength(int rank) {
        return 4 + 4 * rank;
    }

    private static byte[] readFully(Path file, InputStream in, int n, long offset, boolean gzip) throws IOException {
        // A plain file's length bounds n exactly. A gzip file only bounds it loosely (deflate's 1032:1), so
        // the buffer grows as bytes really arrive: a lying header in a 40 kB .gz never costs 40 MB.
        byte[] buffer = new byte[gzip ? Math.min(n, FIRST_GZIP_BUFFER) : n];
        int read = 0;
        while (read < n) {
            if (read == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(n, 2L * buffer.length));
            }
            int r = readInto(file, in, buffer, read, buffer.length, offset + read, gzip);
            read += r;
            if (read < buffer.length) {
                break; // the data ended
            }
        }
        return read == n ? buffer : Arrays.copyOf(buffer, read);
    }

    /**
     * Reads into {@code buffer[from, to)} until it is full or the data ends, at most {@value #MAX_READ} bytes per
     * call (one large read makes the JDK cache a native buffer of that size for the JVM's life); the bytes read.
     *
     * @param offset where {@code from} lies in the file, for the error about a corrupt gzip stream
     */
    private static int readInto(Path file, InputStream in, byte[] buffer, int from, int to, long offset, boolean gzip)
            throws IOException {
        int read = 0;
        try {
            while (from + read < to) {
                int r = in.read(buffer, from + read, Math.min(MAX_READ, to - from - read));
                if (r < 0) {
                    break;
                }
                read += r;
            }
        } catch (ZipException | EOFException e) {
            if (gzip) {
                throw DecompressingInput.corruptGzip(file, offset + read, e);
            }
            throw e;
        }
        return read;
    }

    private static long countRemaining(Path file, InputStream in, long offset, boolean gzip) throws IOException {
        byte[] sink = new byte[1 << 16];
        long extra = 0;
        try {
            int r;
            while ((r = in.read(sink)) >= 0) {
                extra += r;
            }
        } catch (ZipException | EOFException e) {
            if (gzip) {
                throw DecompressingInput.corruptGzip(file, offset + extra, e);
            }
            throw e;
        }
        return extra;
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String describeMagic(int magic) {
        return magic + String.format(" (0x%08x, ", magic)
                + (magic == IMAGES_MAGIC ? "an unsigned-byte image file" : "an unsigned-byte label file") + ")";
    }

    private static String dimensionText(int[] dims, int upTo) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < upTo; i++) {
            s.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return s.toString();
    }
}
