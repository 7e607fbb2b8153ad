package dev.digitslab.comparison.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder the application writes into (reports, models). Checked before any training starts, so a typo or a
 * read-only location costs a second, not an hour; every write failure later on (a full disk) is reported
 * as one line naming the folder and the reason; and a folder a command created is removed again if the command
 * leaves it empty.
 */
final class OutputFolder {
    /** "org.xml.sax.SAXException: java.io.IOException: " before the words of a message. */
    private static final Pattern CLASS_PREFIX =
            Pattern.compile("^((\\p{javaLowerCase}[\\w$]*\\.)+\\p{javaUpperCase}[\\w$]*: )+");
    /** A folder that cannot be written: the message names it and says why. */
    static final class NotWritableException extends IOException {
        private static final long serialVersionUID = 1L;

        NotWritableException(String role, Path dir, Throwable cause) {
            super("cannot write " + role + " to " + dir.toAbsolutePath().normalize() + ": " + reason(cause), cause);
        }
    }

    private OutputFolder() {
    }

    /**
     * Creates the folder if needed and proves it can hold a new file.
     *
     * @return the folders this created, outermost first (none if it existed), for {@link #removeEmpty}
     */
    static List<Path> requireWritable(String role, Path dir) throws NotWritableException {
        List<Path> created = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
             p = p.getParent()) {
            created.add(0, p);
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".part");
            Files.delete(probe);
        } catch (IOException e) {
            removeEmpty(created);
            throw new NotWritableException(role, dir, e);
        }
        return created;
    }

    /**
     * Removes those of {@code created} that are empty, innermost first (best effort): a command that fails, or
     * writes nothing into a folder it made, leaves no empty folder behind.
     */
    static void removeEmpty(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            Path folder = created.get(i);
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    continue;
                }
            } catch (IOException e) {
                continue; // gone already, or not a folder: nothing of ours to remove
            }
            try {
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // best effort: the command's own outcome is what is reported
            }
        }
    }

    /**
     * Why a file-system operation failed, in words (Java's exceptions often carry only a path): the innermost
     * cause's, since writers wrap the system's error in their own (the SVG encoder's message reads
     * "org.xml.sax.SAXException: java.io.IOException: File too large").
     */
    static String reason(Throwable thrown) {
        Throwable e = thrown;
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        if (e instanceof NotDirectoryException f) {
            return f.getFile() + " is not a folder";
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied on " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e.getClass().getSimpleName();
        }
        // A wrapper's message is often its cause's toString(): keep the words, not the class names before them.
        return CLASS_PREFIX.matcher(e.getMessage().lines().findFirst().orElse("").strip()).replaceFirst("");
    }
}
