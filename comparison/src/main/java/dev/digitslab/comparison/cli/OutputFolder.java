package dev.digitslab.comparison.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A folder the application writes into (reports, models). Checked before any training starts, so a typo or a
 * read-only location costs a second, not an hour; and every write failure later on (a full disk) is reported
 * as one line naming the folder and the reason.
 */
final class OutputFolder {
    /** A folder that cannot be written: the message names it and says why. */
    static final class NotWritableException extends IOException {
        private static final long serialVersionUID = 1L;

        NotWritableException(String role, Path dir, Throwable cause) {
            super("cannot write " + role + " to " + dir.toAbsolutePath().normalize() + ": " + reason(cause), cause);
        }
    }

    private OutputFolder() {
    }

    /** Creates the folder if needed and proves it can hold a new file. */
    static void requireWritable(String role, Path dir) throws NotWritableException {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".part");
            Files.delete(probe);
        } catch (IOException e) {
            throw new NotWritableException(role, dir, e);
        }
    }

    /** Why a file-system operation failed, in words (Java's exceptions often carry only a path). */
    static String reason(Throwable e) {
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
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
