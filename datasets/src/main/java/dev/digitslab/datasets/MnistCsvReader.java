package dev.digitslab.datasets;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
            while (reader.hasNext()) {
                Record record = reader.nextRecord();
                // DataVec numbers lines from 0, counting the skipped header.
                long line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
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

    /** A missing header would silently lose the first image to the skipped line; refuse that. */
    private static void checkHeader(Path file) throws IOException {
        String header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = in.readLine();
        }
        if (header == null) {
            throw new DataFormatException(file, "line 1", "a header row 'label,pixel0,...,pixel783'", "an empty file");
        }
        String first = header.replace("\uFEFF", "").split(",", 2)[0].replace("\"", "").trim();
        if (!first.equalsIgnoreCase("label")) {
            String shown = header.length() > 40 ? header.substring(0, 40) + "..." : header;
            throw new DataFormatException(file, "line 1, column 1", "a header row starting with 'label'",
                    "'" + shown + "'");
        }
    }
}
