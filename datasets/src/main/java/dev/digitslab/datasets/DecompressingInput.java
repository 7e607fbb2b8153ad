package dev.digitslab.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a data file that may be plain or gzip-compressed. The format is sniffed from the first two bytes
 * (gzip starts 1f 8b; IDX starts 00 00), so a misnamed file still reads; a {@code .gz} name without the
 * gzip signature is reported as a corrupt gzip file.
 */
final class DecompressingInput {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** Deflate cannot expand data by more than about 1032:1, which bounds what a gzip file can hold. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private DecompressingInput() {
    }

    /** True if the file starts with the gzip signature. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        }
    }

    /**
     * The uncompressed bytes of the file as a stream. Errors inside the gzip stream surface later from
     * {@code read} as {@link java.util.zip.ZipException} or {@link java.io.EOFException}; readers wrap them
     * with {@link #corruptGzip}.
     */
    static InputStream open(Path file) throws IOException {
        boolean gzip = isGzip(file);
        if (!gzip && file.getFileName().toString().endsWith(".gz")) {
            throw new DataFormatException(file, "gzip signature (offset 0)", "bytes 1f 8b", describeStart(file));
        }
        InputStream raw = Files.newInputStream(file);
        try {
            return gzip ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw corruptGzip(file, 0, e);
        }
    }

    /** The most uncompressed bytes the file can possibly hold: its length, or the deflate bound if gzip. */
    static long maxUncompressedLength(Path file) throws IOException {
        long size = Files.size(file);
        return isGzip(file) ? size * MAX_DEFLATE_RATIO : size;
    }

    static DataFormatException corruptGzip(Path file, long uncompressedOffset, IOException cause) {
        return new DataFormatException(file, "gzip stream (uncompressed offset " + uncompressedOffset + ")",
                "a complete, valid gzip stream", "corrupt data (" + cause + ")", cause);
    }

    private static String describeStart(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            StringBuilder s = new StringBuilder(start.length == 0 ? "an empty file" : "bytes");
            for (byte b : start) {
                s.append(String.format(" %02x", b & 0xff));
            }
            return s.toString();
        }
    }
}
