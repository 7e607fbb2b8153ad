package dev.digitslab.datasets;

import dev.digitslab.api.testing.ByteMutator;
import dev.digitslab.api.testing.FuzzTally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds random mutations of a valid Kaggle-layout CSV made of real MNIST rows to {@link MnistCsvReader}:
 * truncated, bytes flipped, lines duplicated / dropped / swapped, cells replaced with junk or huge numbers,
 * re-encoded, or plain random bytes. Each must be read or rejected with a {@link DataFormatException} that
 * names the file — never another exception or a hang.
 */
class MnistCsvReaderFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(MnistCsvReaderFuzzTest.class);
    private static final long SEED = 20_240_608L;
    private static final int INPUTS = 3000;
    private static final int BATCH = 250;
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(30);
    /** Real rows per valid input (about 1.6 kB each). */
    private static final int ROWS = 4;
    /** Cells a fuzzer might put where a number belongs. */
    private static final String[] JUNK = {"", " ", "x", "abc", "1.5", "1e3", "0x1f", "+7", "-0", "NaN", "Infinity",
            "\u0663" /* Arabic-Indic 3 */, "\uFF11" /* fullwidth 1 */, "\"5\"", "\"", "'5'", "\t5", "5 ", "null",
            "256", "-1", "10", "-2147483648", "2147483648", "9223372036854775808", "0\u00005", "\u00e9", "\uFEFF0",
            ";", "\\", "\"1,2\"", "\"\"\"", "\r"};

    @TempDir
    Path dir;

    @Test
    void mutatedCsvFilesAreReadOrRejectedWithDataFormatException() throws IOException {
        List<String> valid = CsvFiles.realLines(ROWS);
        FuzzTally<DataFormatException> tally = new FuzzTally<>("csv", SEED, DataFormatException.class,
                MnistCsvReaderFuzzTest::unclear);
        SplittableRandom r = new SplittableRandom(SEED);
        Path file = dir.resolve("mnist.csv");
        for (int start = 0; start < INPUTS; start += BATCH) {
            tally.inBatch(BATCH_LIMIT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    ByteMutator.Mutated m = mutate(valid, r);
                    try {
                        FuzzTally.overwrite(file, m.bytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    tally.attempt(m.mutation(), List.of(new FuzzTally.Input(file.getFileName().toString(), m.bytes())),
                            () -> MnistCsvReader.read(file, 10));
                }
            });
        }
        tally.finish(log);
        assertEquals(INPUTS, tally.inputs());
        assertTrue(tally.accepted() > 0 && tally.rejected() > 0, "accepted " + tally.accepted());
    }

    /** One random mutation of the valid lines: mostly line- or cell-aware, a sixth blind byte mutations. */
    private static ByteMutator.Mutated mutate(List<String> valid, SplittableRandom r) {
        List<String> lines = new ArrayList<>(valid);
        int line = r.nextInt(lines.size());
        switch (r.nextInt(12)) {
            case 0:
                lines.add(line, lines.get(r.nextInt(lines.size())));
                return text("duplicate-line", lines, "\n");
            case 1:
                lines.remove(line);
                return text("drop-line", lines, "\n");
            case 2:
                java.util.Collections.swap(lines, line, r.nextInt(lines.size()));
                return text("swap-lines", lines, "\n");
            case 3:
                lines.set(line, withCell(lines.get(line), r, JUNK[r.nextInt(JUNK.length)]));
                return text("junk-cell", lines, "\n");
            case 4: {
                StringBuilder huge = new StringBuilder(r.nextBoolean() ? "-" : "");
                huge.append(1 + r.nextInt(9));
                for (int d = r.nextInt(40); d > 0; d--) {
                    huge.append(r.nextInt(10));
                }
                lines.set(line, withCell(lines.get(line), r, huge.toString()));
                return text("huge-number-cell", lines, "\n");
            }
            case 5: {
                // A cell added or removed: the row's width is wrong.
                String l = lines.get(line);
                lines.set(line, r.nextBoolean() ? l + "," + r.nextInt(256) : l.substring(0, Math.max(0, l.lastIndexOf(','))));
                return text("row-width", lines, "\n");
            }
            case 6:
                lines.add(line, r.nextBoolean() ? "" : " ".repeat(1 + r.nextInt(3)));
                return text("blank-line", lines, "\n");
            case 7: {
                String[] endings = {"\r\n", "\r", "\n\n"};
                return text("line-endings", lines, endings[r.nextInt(endings.length)]);
            }
            case 8: {
                ByteMutator.Mutated t = text("", lines, "\n");
                byte[] prefix = r.nextBoolean() ? new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}
                        : new byte[] {(byte) 0xff, (byte) 0xfe};
                return new ByteMutator.Mutated("byte-order-mark", ByteMutator.splice(t.bytes(), 0, 0, prefix));
            }
            case 9: {
                // A character that means something to a CSV parser or a decoder, somewhere in the file.
                byte[] b = text("", lines, "\n").bytes();
                byte[][] specials = {{'"'}, {','}, {'\n'}, {'\r'}, {0}, {(byte) 0xff}, {(byte) 0xc3}, {'#'}, {'\t'}};
                int at = r.nextInt(b.length + 1);
                return new ByteMutator.Mutated("special-byte", ByteMutator.splice(b, at, at, specials[r.nextInt(specials.length)]));
            }
            default:
                return ByteMutator.mutate(text("", lines, "\n").bytes(), r);
        }
    }

    private static ByteMutator.Mutated text(String mutation, List<String> lines, String ending) {
        String joined = String.join(ending, lines) + ending;
        return new ByteMutator.Mutated(mutation, joined.getBytes(StandardCharsets.UTF_8));
    }

    private static String withCell(String line, SplittableRandom r, String value) {
        String[] cells = line.split(",", -1);
        cells[r.nextInt(cells.length)] = value;
        return String.join(",", cells);
    }

    private static String unclear(DataFormatException e, List<FuzzTally.Input> given) {
        if (!e.file().getFileName().toString().equals(given.get(0).fileName())
                || !e.getMessage().contains(e.file().toString())) {
            return "does not name the file that was read";
        }
        if (!e.where().startsWith("line ")) {
            return "does not name the line";
        }
        return e.expected().isBlank() || e.found().isBlank() ? "lacks expected / found" : null;
    }
}
