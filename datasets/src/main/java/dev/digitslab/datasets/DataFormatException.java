package dev.digitslab.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file whose contents are not what they must be (IDX header, length, label range, gzip stream,
 * CSV cell, checksum). The message always names the file, where in it (offset, field, line/column),
 * what was expected and what was found.
 */
public final class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final String where;
    private final String expected;
    private final String found;

    public DataFormatException(Path file, String where, String expected, String found) {
        this(file, where, expected, found, null);
    }

    public DataFormatException(Path file, String where, String expected, String found, Throwable cause) {
        super(file + ": " + where + ": expected " + expected + ", found " + found, cause);
        this.file = file;
        this.where = where;
        this.expected = expected;
        this.found = found;
    }

    /** The file that is malformed. */
    public Path file() {
        return file;
    }

    /** Where in the file: a field name, byte offset, or line/column. */
    public String where() {
        return where;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
