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

    private static List<String> realCsvLines(int count) {
        return CsvFiles.realLines(count);
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

    @Test
    void rejectsUtf16File() throws IOException {
        // Found by MnistCsvReaderFuzzTest: a UTF-16 byte-order mark made the header check throw
        // MalformedInputException instead of naming the problem.
        byte[] utf8 = String.join("\n", realCsvLines(3)).getBytes(StandardCharsets.UTF_8);
        byte[] utf16 = new byte[utf8.length + 2];
        utf16[0] = (byte) 0xff;
        utf16[1] = (byte) 0xfe;
        System.arraycopy(utf8, 0, utf16, 2, utf8.length);
        Path file = Files.write(dir.resolve("utf16.csv"), utf16);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 1, column 1", "UTF-8 text", "bytes that are not UTF-8");
    }

    @Test
    void rejectsRandomBytesAsNotUtf8() throws IOException {
        // Found by MnistCsvReaderFuzzTest (exact input): 3 kB of random bytes gave MalformedInputException.
        Path file = TestResources.copy("fuzz-regressions/csv-random-bytes.csv", dir);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 1, column 1", "UTF-8 text", "bytes that are not UTF-8");
    }

    @Test
    void reportsTheRealProblemWhenTheHeaderHoldsANonUtf8Byte() throws IOException {
        // Found by MnistCsvReaderFuzzTest (exact input, bits flipped in several places): a non-UTF-8 byte among
        // the header's column names gave MalformedInputException and hid the broken cell on line 3. Only the
        // header's first cell ('label') is checked, so the error now names that cell.
        Path file = TestResources.copy("fuzz-regressions/csv-non-utf8-byte-in-header.csv", dir);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 3, column 249 (pixel247)", "an integer 0-255", "''");
    }

    @Test
    void rejectsUnterminatedQuote() throws IOException {
        // Found by MnistCsvReaderFuzzTest (exact input): a stray '"' on line 4 escaped from DataVec as a bare
        // RuntimeException.
        Path file = TestResources.copy("fuzz-regressions/csv-unterminated-quote.csv", dir);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistCsvReader.read(file, 10));
        IdxReaderTest.assertNames(e, file, "line 4", "785 comma-separated integers",
                "a line the CSV parser cannot split (Un-terminated quoted field");
    }
}
