package dev.digitslab.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.testing.ByteMutator;
import dev.digitslab.api.testing.FuzzTally;
import dev.digitslab.api.testing.ThreadAllocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds random mutations of real MNIST IDX files (the first 100 test images and labels; plain, gzipped then
 * mutated, or mutated then gzipped; alone and as an image/label pair) to {@link IdxReader}: each must be read
 * or rejected with a {@link DataFormatException} naming the file, never another exception or a hang, and the
 * reader may allocate at most 4 times the bytes the input really holds plus 2 MiB (a header claiming
 * gigabytes must not cost gigabytes). A third of the mutations rewrite the header: huge or random dimensions,
 * rank, data type, magic number.
 */
class IdxReaderFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(IdxReaderFuzzTest.class);
    private static final long SEED = 20_240_607L;
    private static final int INPUTS = 5000;
    private static final int BATCH = 250;
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(30);
    /** Real images per valid input: small inputs keep thousands of them fast. */
    private static final int COUNT = 100;
    /** Allocation allowed beyond what the input holds: stream buffers, messages, a stack trace. */
    static final long ALLOCATION_SLACK = 2L << 20;

    @TempDir
    Path dir;

    private long maxAllocated;
    private long maxExcess = Long.MIN_VALUE;

    private enum Container { PLAIN, GZIP_OF_MUTATED, MUTATED_GZIP }

    @Test
    void mutatedIdxFilesAreReadOrRejectedWithDataFormatException() throws IOException {
        ThreadAllocation.assumeSupported();
        byte[] images = IdxFiles.bytes(IdxReader.IMAGES_MAGIC, new int[] {COUNT, 28, 28}, IdxFiles.realTestPixels(COUNT));
        byte[] labels = IdxFiles.bytes(IdxReader.LABELS_MAGIC, new int[] {COUNT}, IdxFiles.realTestLabels(COUNT));
        FuzzTally<DataFormatException> tally = new FuzzTally<>("idx", SEED, DataFormatException.class,
                IdxReaderFuzzTest::unclear);
        SplittableRandom r = new SplittableRandom(SEED);
        for (int start = 0; start < INPUTS; start += BATCH) {
            tally.inBatch(BATCH_LIMIT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    fuzzOne(r, images, labels, tally);
                }
            });
        }
        tally.note(String.format("Allocation while reading: at most %d bytes for one input; at most %d bytes beyond 4 x "
                + "the input's real content (the rule allows %d)", maxAllocated, maxExcess, ALLOCATION_SLACK));
        tally.finish(log);
        assertEquals(INPUTS, tally.inputs());
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        assertTrue(tally.accepted() > 0 && tally.rejected() > 0, "accepted " + tally.accepted());
    }

    private void fuzzOne(SplittableRandom r, byte[] images, byte[] labels, FuzzTally<DataFormatException> tally) {
        int c = r.nextInt(4);
        Container container = c == 0 ? Container.GZIP_OF_MUTATED : c == 1 ? Container.MUTATED_GZIP : Container.PLAIN;
        int target = r.nextInt(5); // 0-1 images, 2-3 labels, 4 the pair with one of them mutated
        boolean mutateImages = target <= 1 || (target == 4 && r.nextBoolean());
        try {
            List<FuzzTally.Input> given = new ArrayList<>();
            List<String> mutations = new ArrayList<>();
            if (target <= 1 || target == 4) {
                given.add(input(r, "images", images, container, mutations, mutateImages));
            }
            if (target >= 2) {
                given.add(input(r, "labels", labels, container, mutations, !mutateImages));
            }
            List<Path> files = new ArrayList<>();
            long content = 0;
            for (FuzzTally.Input in : given) {
                files.add(FuzzTally.overwrite(dir.resolve(in.fileName()), in.bytes()));
                content += realContentLength(in.bytes());
            }
            String mutation = container.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + "/" + String.join("", mutations);
            boolean generic = r.nextInt(10) == 0;
            long before = ThreadAllocation.now();
            tally.attempt(mutation, given, () -> {
                if (target == 4) {
                    IdxReader.readLabelled(files.get(0), files.get(1), 10);
                } else if (generic) {
                    IdxReader.read(files.get(0));
                } else if (target <= 1) {
                    IdxReader.readImages(files.get(0));
                } else {
                    IdxReader.readLabels(files.get(0), 10);
                }
            });
            long allocated = ThreadAllocation.now() - before;
            long allowed = 4 * content + ALLOCATION_SLACK;
            maxAllocated = Math.max(maxAllocated, allocated);
            maxExcess = Math.max(maxExcess, allocated - 4 * content);
            if (allocated > allowed) {
                tally.violation(mutation, given, "allocated " + allocated + " bytes reading " + content
                        + " bytes of real content (allowed " + allowed + ")");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One file for the reader: the valid bytes, mutated (if {@code mutate}) and packed as the container says. */
    private static FuzzTally.Input input(SplittableRandom r, String name, byte[] valid, Container container,
                                         List<String> mutations, boolean mutate) throws IOException {
        byte[] bytes = valid;
        String mutation = "";
        if (mutate && container != Container.MUTATED_GZIP) {
            ByteMutator.Mutated m = r.nextInt(3) == 0 ? mutateHeader(valid, r) : ByteMutator.mutate(valid, r);
            bytes = m.bytes();
            mutation = m.mutation();
        }
        if (container != Container.PLAIN) {
            bytes = gzip(bytes);
        }
        if (mutate && container == Container.MUTATED_GZIP) {
            ByteMutator.Mutated m = ByteMutator.mutate(bytes, r);
            bytes = m.bytes();
            mutation = m.mutation();
        }
        mutations.add(mutation);
        // Gzipped content is found by its signature whatever the name; a plain file named .gz is rejected.
        boolean gzName = container == Container.PLAIN ? r.nextInt(20) == 0 : r.nextBoolean();
        return new FuzzTally.Input(name + (gzName ? ".gz" : ""), bytes);
    }

    /** Mutations that keep the file intact but make its header lie or break the format's rules. */
    private static ByteMutator.Mutated mutateHeader(byte[] valid, SplittableRandom r) {
        ByteBuffer b = ByteBuffer.wrap(valid.clone());
        int rank = valid[3];
        switch (r.nextInt(5)) {
            case 0: {
                // A dimension far beyond the data: the reader must not believe it when allocating.
                int[] huge = {Integer.MAX_VALUE, Integer.MAX_VALUE / 784, 1 << 30, 60_000, COUNT + 1 + r.nextInt(1 << 20),
                        COUNT + 1 + r.nextInt(Integer.MAX_VALUE - COUNT - 1)};
                b.putInt(4 + 4 * r.nextInt(rank), huge[r.nextInt(huge.length)]);
                return new ByteMutator.Mutated("header-huge-dimension", b.array());
            }
            case 1:
                b.putInt(4 + 4 * r.nextInt(rank), r.nextInt());
                return new ByteMutator.Mutated("header-random-dimension", b.array());
            case 2:
                b.put(3, (byte) r.nextInt(256));
                return new ByteMutator.Mutated("header-rank", b.array());
            case 3:
                b.put(2, (byte) r.nextInt(256));
                return new ByteMutator.Mutated("header-data-type", b.array());
            default:
                b.putInt(0, r.nextBoolean() ? r.nextInt() : valid[3] == 3 ? IdxReader.LABELS_MAGIC : IdxReader.IMAGES_MAGIC);
                return new ByteMutator.Mutated("header-magic", b.array());
        }
    }

    /** The reader's error must name one of the files it was given, what it expected and what it found. */
    private static String unclear(DataFormatException e, List<FuzzTally.Input> given) {
        boolean namesInput = given.stream().anyMatch(in -> e.file().getFileName().toString().equals(in.fileName()));
        if (!namesInput || !e.getMessage().contains(e.file().toString())) {
            return "does not name the file that was read";
        }
        if (e.where().isBlank() || e.expected().isBlank() || e.found().isBlank()) {
            return "lacks where / expected / found";
        }
        return null;
    }

    /** How many bytes the reader can really get out of the file: its length, or what gunzips before an error. */
    private static long realContentLength(byte[] file) {
        if (file.length < 2 || (file[0] & 0xff) != 0x1f || (file[1] & 0xff) != 0x8b) {
            return file.length;
        }
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            int got;
            while ((got = in.read(buffer)) >= 0) {
                n += got;
            }
        } catch (IOException e) {
            // corrupt from here on: what came out so far is all there is
        }
        return Math.max(n, file.length);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
