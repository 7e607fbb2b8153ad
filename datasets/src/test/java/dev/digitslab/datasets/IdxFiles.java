package dev.digitslab.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes IDX files for tests, including deliberately inconsistent ones. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** An IDX file with the given magic number, header dimensions and data, exactly as given. */
    static Path write(Path file, int magic, int[] dims, byte[] data) throws IOException {
        Files.write(file, bytes(magic, dims, data));
        return file;
    }

    static byte[] bytes(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** The first {@code count} real test images' pixels. */
    static byte[] realTestPixels(int count) {
        byte[] all = RealMnist.dataset().test().pixels();
        byte[] some = new byte[count * 784];
        System.arraycopy(all, 0, some, 0, some.length);
        return some;
    }

    /** The first {@code count} real test labels. */
    static byte[] realTestLabels(int count) {
        byte[] some = new byte[count];
        System.arraycopy(RealMnist.dataset().test().labels(), 0, some, 0, count);
        return some;
    }
}
