package dev.digitslab.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Access to the real MNIST files for tests (found or fetched once per JVM like any caller would). */
final class RealMnist {
    private RealMnist() {
    }

    static MnistDataset dataset() {
        return MnistSplits.dataset();
    }

    static Path file(MnistFile file) {
        return dataset().files().path(file);
    }

    /** Copies the four real files into {@code dir} (created if needed), plain or gzipped. */
    static void copyInto(Path dir, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        for (MnistFile f : MnistFile.values()) {
            try (InputStream in = DecompressingInput.open(file(f))) {
                if (gzip) {
                    try (OutputStream out = new FastGzipOutputStream(Files.newOutputStream(dir.resolve(f.fileName() + ".gz")))) {
                        in.transferTo(out);
                    }
                } else {
                    Files.copy(in, dir.resolve(f.fileName()));
                }
            }
        }
    }

    /** Gzips {@code data} into {@code target}. */
    static void writeGzip(Path target, byte[] data) throws IOException {
        try (OutputStream out = new FastGzipOutputStream(Files.newOutputStream(target))) {
            out.write(data);
        }
    }

    /** Fastest compression: the tests care about the format, not the ratio. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
