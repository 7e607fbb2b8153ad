package dev.digitslab.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

/**
 * Reads MNIST in the Kaggle CSV layout with DataVec's {@link CSVRecordReader}: a header row
 * ({@code label,pixel0,...,pixel783}), then one image per line: the label, then 784 pixel values 0–255,
 * row-major 28×28. Every cell is validated; errors name the file, the line (1-based, the header is line 1)
 * and the column (1-based, with its name).
 */
public final class MnistCsvReader {
    public static final int ROWS = 28;
    public static final int COLS = 28;
    private static final int PIXELS = ROWS * COLS;
    private static final int COLUMNS = 1 + PIXELS;
    /** Bytes read to check the header row's first cell. */
    private static final int HEADER_PEEK = 1 << 16;

    private MnistCsvReader() {
    }

    /** Reads the file; labels must be in 0..classCount−1. */
    public static LabelledImages read(Path file, int classCount) throws IOException {
        checkHeader(file);
        ByteArrayOutputStream pixels = new ByteArrayOutputStream(); // (count, 784) as rows arrive
        ByteArrayOutputStream labels = new ByteArrayOutputStream(); // (count)
        byte[] row = new byte[PIXELS];
        CSVRecordReader reader = new CSVRecordReader(1, ',');
        try {
            reader.initialize(new FileSplit(file.toFile()));
            long line = 1; // the header
            while (reader.hasNext()) {
                Record record = nextRecord(file, reader, line + 1);
                // DataVec numbers lines from 0, counting the skipped header.
                line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                List<Writable> cells = record.getRecord();
                if (cells.size() != COLUMNS) {
                    boolean blank = cells.size() == 1 && cells.get(0).toString().isBlank();
                    throw new DataFormatException(file, "line " + line, COLUMNS + " columns (label, pixel0..pixel783)",
                            blank ? "a blank line" : cells.size() + " columns");
                }
                labels.write(cell(file, line, 1, "label", cells.get(0), classCount - 1));
                for (int p = 0; p < PIXELS; p++) {
                    row[p] = (byte) cell(file, line, p + 2, "pixel" + p, cells.get(p + 1), 255);
                }
                pixels.write(row);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file, e);
        } finally {
            reader.close();
        }
        int count = labels.size();
        if (count == 0) {
            throw new DataFormatException(file, "line 2", "at least one image row after the header", "no rows");
        }
        return new LabelledImages(pixels.toByteArray(), labels.toByteArray(), count, ROWS, COLS);
    }

    /**
     * The next row. DataVec's parser reports a line it cannot split (an unterminated quote) as a plain
     * RuntimeException wrapping an IOException; that is bad input, so it becomes a DataFormatException. (A
     * failing read surfaces differently, as commons-io's IllegalStateException, and is left alone.)
     */
    private static Record nextRecord(Path file, CSVRecordReader reader, long line) throws DataFormatException {
        try {
            return reader.nextRecord();
        } catch (RuntimeException e) {
            if (e.getClass() != RuntimeException.class || !(e.getCause() instanceof IOException cause)) {
                throw e;
            }
            throw new DataFormatException(file, "line " + line, COLUMNS + " comma-separated integers",
                    "a line the CSV parser cannot split (" + cause.getMessage() + ")", e);
        }
    }

    private static int cell(Path file, long line, int column, String name, Writable cell, int max)
            throws DataFormatException {
        String text = cell.toString().trim();
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, "line " + line + ", column " + column + " (" + name + ")",
                    "an integer 0-" + max, "'" + text + "'");
        }
        if (value < 0 || value > max) {
            throw new DataFormatException(file, "line " + line + ", column " + column + " (" + name + ")",
                    "a value 0-" + max, Integer.toString(value));
        }
        return value;
    }

    /**
     * A missing header would silently lose the first image to the skipped line; refuse that. Only the first
     * cell is decoded, strictly: a file that is not UTF-8 there (UTF-16, binary) is named as such.
     */
    private static void checkHeader(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(HEADER_PEEK);
        }
        if (start.length == 0) {
            throw new DataFormatException(file, "line 1", "a header row 'label,pixel0,...,pixel783'", "an empty file");
        }
        int lineEnd = 0;
        while (lineEnd < start.length && start[lineEnd] != '\n' && start[lineEnd] != '\r') {
            lineEnd++;
        }
        int cellEnd = 0;
        while (cellEnd < lineEnd && start[cellEnd] != ',') {
            cellEnd++;
        }
        String first;
        try {
            first = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(start, 0, cellEnd)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, "line 1, column 1", "UTF-8 text: a header row starting with 'label'",
                    "bytes that are not UTF-8 (" + e + ")", e);
        }
        first = first.replace("\uFEFF", "").replace("\"", "").trim();
        if (!first.equalsIgnoreCase("label")) {
            String header = new String(start, 0, lineEnd, StandardCharsets.UTF_8);
            String shown = header.length() > 40 ? header.substring(0, 40) + "..." : header;
            throw new DataFormatException(file, "line 1, column 1", "a header row starting with 'label'",
                    "'" + shown + "'");
        }
    }
}
