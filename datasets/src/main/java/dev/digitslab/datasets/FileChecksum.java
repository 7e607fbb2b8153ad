package dev.digitslab.datasets;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipException;

/** SHA-256 of a data file's uncompressed bytes, so a file verifies the same plain or gzipped. */
final class FileChecksum {
    private FileChecksum() {
    }

    /** Lower-case hex SHA-256 of the file's content after gzip decompression (if it is gzipped). */
    static String sha256OfContent(Path file) throws IOException {
        MessageDigest digest = newDigest();
        long offset = 0;
        try (InputStream in = DecompressingInput.open(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while (true) {
                try {
                    n = in.read(buffer);
                } catch (ZipException | EOFException e) {
                    throw DecompressingInput.corruptGzip(file, offset, e);
                }
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                offset += n;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Fails with a {@link DataFormatException} unless the file's content has the expected SHA-256. */
    static void verify(Path file, String expectedSha256) throws IOException {
        String actual = sha256OfContent(file);
        if (!actual.equals(expectedSha256)) {
            throw new DataFormatException(file, "SHA-256 of the uncompressed content", expectedSha256, actual);
        }
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
