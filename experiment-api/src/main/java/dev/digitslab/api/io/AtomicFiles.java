package dev.digitslab.api.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes files so that readers see either the old content or the complete new one, never a half-written
 * file: the content goes to a temporary file in the same directory, which is then moved over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Streams content into a temporary sibling of {@code target}, then moves it into place. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = temporarySibling(target);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes several files that belong together (e.g. a report's Markdown and HTML pages) so that a failure
     * while writing any of them changes none: every content goes to its temporary file first, and only when
     * all are complete are they moved into place (moves need no free space).
     */
    public static void writeAll(Map<Path, Content> files) throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, Content> e : files.entrySet()) {
                Path temp = temporarySibling(e.getKey());
                temps.put(e.getKey(), temp);
                try (OutputStream out = Files.newOutputStream(temp)) {
                    e.getValue().writeTo(out);
                }
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                moveIntoPlace(e.getValue(), e.getKey());
            }
        } finally {
            for (Path temp : temps.values()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * A new empty temporary file beside {@code target} (creating its folder), named {@code .<name>*.part} so
     * interrupted runs can find leftovers, and readable like an ordinary file (rw-r--r--) rather than the
     * owner-only permissions {@link Files#createTempFile} would give, since it becomes the target.
     */
    public static Path temporarySibling(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName();
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }
        return Files.createTempFile(dir, prefix, ".part");
    }

    /** Moves {@code source} over {@code target} atomically where the file system allows it. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
