package dev.digitslab.comparison.predict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes 8-bit greyscale PNGs of any declared size holding little in memory: one row at a time (a 48-megapixel
 * photo), or, for an all-black picture, from a few compressed pieces repeated (the 1.6 MB, 40000x40000
 * decompression bomb, written in a fraction of a second instead of deflating 1.6 GB).
 */
public final class StreamedPng {
    /** Fills one row of grey levels (0 black .. 255 white). */
    @FunctionalInterface
    public interface Rows {
        void fill(int y, byte[] row);
    }

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private StreamedPng() {
    }

    public static Path write(Path file, int width, int height, Rows rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(SIGNATURE);
            out.write(header(width, height));
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DeflaterOutputStream zlib = new DeflaterOutputStream(new IdatChunks(out), deflater, 1 << 16)) {
                byte[] row = new byte[width + 1]; // filter type 0, then the grey levels
                byte[] pixels = new byte[width];
                for (int y = 0; y < height; y++) {
                    rows.fill(y, pixels);
                    System.arraycopy(pixels, 0, row, 1, width);
                    zlib.write(row);
                }
            } finally {
                deflater.end();
            }
            out.write(chunk("IEND", new byte[0]));
        }
        return file;
    }

    /**
     * An all-black picture. Its pixel data is nothing but zero bytes (each row's filter byte too), so the zlib
     * stream is made of pieces each deflated after a window of zeros: one piece for the first 4 MB, one repeated
     * for every further 4 MB, one that finishes the stream, then the Adler-32 of that many zeros.
     */
    public static Path black(Path file, int width, int height) throws IOException {
        long total = (long) height * (width + 1);
        int piece = 1 << 22;
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        zlib.write(0x78); // deflate, 32 KB window
        zlib.write(0xda); // maximum compression, no preset dictionary; (0x78da) % 31 == 0
        byte[] repeated = null;
        for (long done = 0; done < total; done += piece) {
            int n = (int) Math.min(piece, total - done);
            boolean last = done + n == total;
            if (done > 0 && !last && repeated != null) {
                zlib.write(repeated);
                continue;
            }
            byte[] deflated = deflateZeros(n, done > 0, last);
            if (done > 0 && !last) {
                repeated = deflated;
            }
            zlib.write(deflated);
        }
        long adler = ((total % 65_521) << 16) | 1; // a = 1 + the sum of the bytes, b = the sum of the a's
        zlib.write(ByteBuffer.allocate(4).putInt((int) adler).array());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(SIGNATURE);
            out.write(header(width, height));
            out.write(chunk("IDAT", zlib.toByteArray()));
            out.write(chunk("IEND", new byte[0]));
        }
        return file;
    }

    /** Raw deflate of {@code n} zeros, after a window of zeros if {@code afterZeros}; byte-aligned unless last. */
    private static byte[] deflateZeros(int n, boolean afterZeros, boolean last) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            if (afterZeros) {
                d.setDictionary(new byte[1 << 15]);
            }
            d.setInput(new byte[n]);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            if (last) {
                d.finish();
                while (!d.finished()) {
                    out.write(buffer, 0, d.deflate(buffer));
                }
            } else {
                int k;
                do {
                    k = d.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, k);
                } while (k == buffer.length || !d.needsInput());
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] header(int width, int height) {
        return chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
    }

    /** A chunk: length, type, data, CRC of type and data. */
    public static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** Collects the compressed stream into IDAT chunks of 1 MB; closing writes the last one but not {@code out}. */
    private static final class IdatChunks extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        IdatChunks(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            pending.write(b, off, len);
            if (pending.size() >= 1 << 20) {
                emit();
            }
        }

        @Override
        public void close() throws IOException {
            if (pending.size() > 0) {
                emit();
            }
        }

        private void emit() throws IOException {
            out.write(chunk("IDAT", pending.toByteArray()));
            pending.reset();
        }
    }
}
