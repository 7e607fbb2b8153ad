package dev.digitslab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistCsvReaderTest {
    private static final int IMAGES = 100;

    @TempDir
    Path dir;

    /** The first {@code count} real MNIST test images as Kaggle-layout CSV lines, header first. */
    private static List<String> realCsvLines(int count) {
        LabelledImages test = RealMnist.dataset().test();
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("label");
        for (int p = 0; p < 784; p++) {
            header.append(",pixel").append(p);
        }
        lines.add(header.toString());
        for (int i = 0; i < count; i++) {
            StringBuilder row = new StringBuilder().append(test.label(i));
            for (int p = 0; p < 784; p++) {
                row.append(',').append(test.pixel(i, p));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    private Path write(List<String> lines) throws IOException {
        Path file = dir.resolve("mnist.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        return file;
    }

    /** Replaces cell {@code column} (1-based) of line {@code line} (1-based). */
    private static List<String> withCell(List<String> lines, int line, int column, String value) {
        List<String> copy = new ArrayList<>(lines);
        String[] cells = copy.get(line - 1).split(",", -1);
        cells[column - 1] = value;
        copy.set(line - 1, String.join(",", cells));
        return copy;
    }

    @Test
    void roundTripsRealImagesExactly() throws IOException {
        LabelledImages read = MnistCsvReader.read(write(realCsvLines(IMAGES)), 10);
        LabelledImages test = RealMnist.dataset().test();
        assertEquals(IMAGES, read.count());
        assertEquals(28, read.rows());
        assertArrayEquals(Arrays.copyOf(test.pixels(), IMAGES * 784), read.pixels());
        assertArrayEquals(Arrays.copyOf(test.labels(), IMAGES), read.labels());
    }

    @Test
    void rejectsShortRow() throws IOException {
        List<String> lines = realCsvLines(5);
        lines.set(3, lines.get(3).substring(0, lines.get(3).lastIndexOf(','))); // line 4 loses pixel783
        Path file = write(lines);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 4", "785 columns", "784 columns");
    }

    @Test
    void rejectsBlankLine() throws IOException {
        List<String> lines = realCsvLines(5);
        lines.add(2, "");
        Path file = write(lines);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 3", "785 columns", "a blank line");
    }

    @Test
    void rejectsNonNumericPixel() throws IOException {
        Path file = write(withCell(realCsvLines(5), 5, 102, "x7"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 5, column 102 (pixel100)", "an integer 0-255", "'x7'");
    }

    @Test
    void rejectsPixelAbove255() throws IOException {
        Path file = write(withCell(realCsvLines(5), 2, 785, "256"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 2, column 785 (pixel783)", "a value 0-255", "256");
    }

    @Test
    void rejectsNegativePixel() throws IOException {
        Path file = write(withCell(realCsvLines(5), 6, 2, "-1"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 6, column 2 (pixel0)", "a value 0-255", "-1");
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        Path file = write(withCell(realCsvLines(5), 3, 1, "10"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 3, column 1 (label)", "a value 0-9", "10");
    }

    @Test
    void rejectsMissingHeaderRow() throws IOException {
        List<String> lines = realCsvLines(5);
        lines.remove(0);
        Path file = write(lines);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 1, column 1", "a header row starting with 'label'", "'7,0,0,");
    }

    @Test
    void rejectsFileWithOnlyAHeader() throws IOException {
        Path file = write(realCsvLines(0));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 2", "at least one image row", "no rows");
    }
}
