package dev.digitslab.comparison.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.testing.ByteMutator;
import dev.digitslab.api.testing.FuzzTally;
import dev.digitslab.api.testing.ThreadAllocation;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainers;
import dev.digitslab.datasets.MnistSplits;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds seeded image files to {@link DigitImage#read} and predicts each one it accepts with a network: pictures
 * of random sizes and aspect ratios (1 pixel to 600, 1:600 to 600:1) holding no ink, specks, bands, slivers,
 * noise or strokes; real MNIST test digits redrawn at other sizes, stretched, in other colours, as PNG and
 * JPEG; blind byte mutations of those files; and PNG and JPEG headers whose dimensions, bit depth, colour type
 * or interlacing were changed (checksum recomputed), or whose data was cut short. Each file must be predicted
 * with valid probabilities or rejected with a {@link DigitImageException} naming it, never another exception,
 * a hang, or an allocation beyond {@link #ALLOCATION_BOUND}; a redrawn MNIST digit must never be rejected.
 */
class DigitImageFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(DigitImageFuzzTest.class);
    private static final long SEED = 20_241_101L;
    static final int INPUTS = 3000;
    private static final int BATCH = 100;
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(60);
    /** Far above any input's legitimate need (at most 600x600 pixels), far below any header's claim. */
    private static final long ALLOCATION_BOUND = 128L << 20;
    private static final String SPEC = """
            name: fuzzed
            data: {dataset: mnist, task: {kind: multiclass}, validationFraction: 0.1, subset: 500}
            network:
              - {type: dense, units: 32, activation: relu}
              - {type: dense, units: 10, activation: softmax}
            loss: categorical-cross-entropy
            optimizer: {kind: adam, learningRate: 0.001}
            batchSize: 50
            epochs: 1
            seeds: [7]
            """;

    @TempDir
    static Path dir;
    static ImageSet mnist;
    static TrainableModel model;

    @BeforeAll
    static void loadDigitsAndANetwork() throws IOException {
        mnist = MnistSplits.load(new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null), 42).test();
        // Untrained: predicting only has to turn any accepted input into probabilities.
        model = Trainers.byId("scratch").create(SpecLoader.parseYaml(SPEC, "fuzzed.yaml"), 784, 7, null);
    }

    @AfterAll
    static void closeTheNetwork() {
        model.close();
    }

    @Test
    void everyImageFileIsPredictedOrRejectedWithDigitImageException() throws IOException {
        ThreadAllocation.assumeSupported();
        FuzzTally<DigitImageException> tally = new FuzzTally<>("images", SEED, DigitImageException.class,
                DigitImageFuzzTest::unclear);
        SplittableRandom r = new SplittableRandom(SEED);
        long[] mostAllocated = {0};
        for (int start = 0; start < INPUTS; start += BATCH) {
            tally.inBatch(BATCH_LIMIT, () -> {
                for (int i = 0; i < BATCH; i++) {
                    attempt(tally, generate(r), mostAllocated);
                }
            });
        }
        tally.note(String.format(Locale.ROOT, "most allocated reading one input: %.1f MB (bound %d MB)",
                mostAllocated[0] / 1048576.0, ALLOCATION_BOUND >> 20));
        tally.finish(log);
        assertEquals(INPUTS, tally.inputs());
        assertTrue(tally.accepted() > INPUTS / 5 && tally.rejected() > INPUTS / 5,
                "accepted " + tally.accepted() + ", rejected " + tally.rejected());
    }

    /** A generated file and what it is: only a redrawn MNIST digit must be accepted. */
    private record Generated(String mutation, String fileName, byte[] bytes, boolean mustBeAccepted) {
    }

    private static void attempt(FuzzTally<DigitImageException> tally, Generated g, long[] mostAllocated) {
        List<FuzzTally.Input> given = List.of(new FuzzTally.Input(g.fileName(), g.bytes()));
        Path file;
        try {
            file = FuzzTally.overwrite(dir.resolve(g.fileName()), g.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long before = ThreadAllocation.now();
        boolean[] accepted = {false};
        tally.attempt(g.mutation(), given, () -> {
            float[] digit = DigitImage.read(file);
            checkPredicts(digit);
            accepted[0] = true;
        });
        long allocated = ThreadAllocation.now() - before;
        mostAllocated[0] = Math.max(mostAllocated[0], allocated);
        if (allocated > ALLOCATION_BOUND) {
            tally.violation(g.mutation(), given, "allocated " + (allocated >> 20) + " MB for a " + g.bytes().length
                    + "-byte file");
        }
        if (g.mustBeAccepted() && !accepted[0]) {
            tally.violation(g.mutation(), given, "a real MNIST digit, redrawn, was not predicted");
        }
    }

    private static void checkPredicts(float[] digit) {
        if (digit.length != 784) {
            throw new AssertionError("converted to " + digit.length + " values");
        }
        for (float v : digit) {
            if (!(v >= 0 && v <= 1)) {
                throw new AssertionError("intensity " + v);
            }
        }
        float[] p = model.predict(new ImageSet(digit, new int[1], new byte[1], 1, 784, 10));
        double sum = 0;
        for (float v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new AssertionError("probability " + v);
            }
            sum += v;
        }
        if (p.length != 10 || Math.abs(sum - 1) > 1e-3) {
            throw new AssertionError(p.length + " probabilities summing to " + sum);
        }
    }

    /** The rejection names the file and says what is wrong, without an internal error's name standing for it. */
    private static String unclear(DigitImageException e, List<FuzzTally.Input> given) {
        String m = e.getMessage();
        if (!m.startsWith("image " + dir.resolve(given.get(0).fileName()) + ": ")) {
            return "does not start with the file's name";
        }
        for (String internal : List.of("NullPointerException", "IndexOutOfBounds", "ClassCastException",
                "NegativeArraySize", "ArithmeticException", "IllegalArgumentException", "IllegalStateException")) {
            if (m.contains(internal)) {
                return "an internal error stands for the reason: " + internal;
            }
        }
        return null;
    }

    // ---- inputs ----

    private static Generated generate(SplittableRandom r) {
        try {
            switch (r.nextInt(10)) {
                case 0, 1, 2:
                    return synthetic(r);
                case 3, 4:
                    return redrawnDigit(r);
                case 5, 6: {
                    Generated valid = redrawnDigit(r);
                    ByteMutator.Mutated m = ByteMutator.mutate(valid.bytes(), r);
                    String format = valid.fileName().endsWith(".png") ? "png" : "jpeg";
                    return new Generated(format + "-bytes/" + m.mutation(), valid.fileName(), m.bytes(), false);
                }
                case 7, 8:
                    return pngHeader(r);
                default:
                    return jpegHeader(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random size and aspect ratio; blank, specks, a band, a sliver, noise or strokes. */
    private static Generated synthetic(SplittableRandom r) throws IOException {
        int w = size(r);
        int h = size(r);
        Color paper = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
        Color ink = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, w, h);
        g.setColor(ink);
        String kind;
        switch (r.nextInt(6)) {
            case 0 -> kind = "blank";
            case 1 -> {
                kind = "specks";
                int n = 1 + r.nextInt(30);
                for (int i = 0; i < n; i++) {
                    g.fillRect(r.nextInt(w), r.nextInt(h), 1 + r.nextInt(2), 1 + r.nextInt(2));
                }
            }
            case 2 -> {
                kind = "band-or-sliver";
                if (r.nextBoolean()) {
                    g.fillRect(0, r.nextInt(h), w, 1 + r.nextInt(Math.max(1, h / 8)));
                } else {
                    g.fillRect(r.nextInt(w), 0, 1 + r.nextInt(Math.max(1, w / 8)), h);
                }
            }
            case 3 -> {
                kind = "noise";
                double density = r.nextDouble() * r.nextDouble();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (r.nextDouble() < density) {
                            img.setRGB(x, y, ink.getRGB());
                        }
                    }
                }
            }
            default -> {
                kind = "strokes";
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setStroke(new BasicStroke(1 + r.nextInt(Math.max(1, Math.min(w, h) / 5))));
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    g.drawLine(r.nextInt(w), r.nextInt(h), r.nextInt(w), r.nextInt(h));
                }
            }
        }
        g.dispose();
        String format = r.nextInt(3) == 0 ? "jpg" : "png";
        return new Generated("synthetic/" + kind, "synthetic." + format, encode(img, format), false);
    }

    /** 1 to 600 pixels, most often small. */
    private static int size(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> 1 + r.nextInt(8);
            case 1 -> 1 + r.nextInt(64);
            default -> 1 + r.nextInt(600);
        };
    }

    /** A real MNIST test digit at 28 to 300 pixels, stretched up to 1.5 times either way, in contrasting colours. */
    private static Generated redrawnDigit(SplittableRandom r) throws IOException {
        int row = r.nextInt(mnist.count());
        int side = 28 + r.nextInt(273);
        int grey = r.nextInt(90);
        Color ink = new Color(grey, grey + r.nextInt(20), grey);
        Color paper = new Color(255 - r.nextInt(60), 255 - r.nextInt(60), 255 - r.nextInt(60));
        boolean light = r.nextBoolean();
        BufferedImage square = RenderedDigits.render(mnist, row, side, light ? paper : ink, light ? ink : paper,
                r.nextInt(-side / 4, side / 4 + 1), r.nextInt(-side / 4, side / 4 + 1));
        double stretch = 1 / 1.5 + r.nextDouble() * (1.5 - 1 / 1.5);
        int w = Math.max(1, (int) Math.round(square.getWidth() * Math.min(1, stretch)));
        int h = Math.max(1, (int) Math.round(square.getHeight() / Math.max(1, stretch)));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(square, 0, 0, w, h, null);
        g.dispose();
        String format = r.nextInt(3) == 0 ? "jpg" : "png";
        return new Generated("mnist-redrawn/" + format, "digit." + format, encode(img, format), true);
    }

    /** A PNG of a redrawn digit whose header field is changed, IHDR checksum recomputed; or its data cut short. */
    private static Generated pngHeader(SplittableRandom r) throws IOException {
        byte[] png = redrawnPng(r);
        ByteBuffer b = ByteBuffer.wrap(png);
        int[] sizes = {0, 1, 2, 7, 255, 2048, 4096, 7071, 7072, 40_000, 65_535, 1 << 24, Integer.MAX_VALUE, -1,
                r.nextInt()};
        String field;
        switch (r.nextInt(6)) {
            case 0 -> {
                field = "width";
                b.putInt(16, sizes[r.nextInt(sizes.length)]);
            }
            case 1 -> {
                field = "height";
                b.putInt(20, sizes[r.nextInt(sizes.length)]);
            }
            case 2 -> {
                field = "both-sides";
                int side = sizes[r.nextInt(sizes.length)];
                b.putInt(16, side).putInt(20, side);
            }
            case 3 -> {
                field = "bit-depth";
                png[24] = (byte) new int[] {1, 2, 4, 8, 16, 0, 3, 255}[r.nextInt(8)];
            }
            case 4 -> {
                field = "colour-type";
                png[25] = (byte) new int[] {0, 2, 3, 4, 6, 1, 5, 7, 255}[r.nextInt(9)];
            }
            default -> {
                field = "interlace";
                png[28] = (byte) r.nextInt(3);
            }
        }
        png = BoundedImageReaderTest.withIhdrCrc(png);
        if (r.nextInt(3) == 0) {
            field += "+data-cut";
            png = Arrays.copyOf(png, 33 + r.nextInt(png.length - 33));
        }
        return new Generated("png-header/" + field, "header.png", png, false);
    }

    /** A JPEG of a redrawn digit whose frame header declares other dimensions; or whose data is cut short. */
    private static Generated jpegHeader(SplittableRandom r) throws IOException {
        BufferedImage img = RenderedDigits.render(mnist, r.nextInt(mnist.count()), 28 + r.nextInt(200),
                Color.BLACK, Color.WHITE, 0, 0);
        byte[] jpeg = encode(img, "jpg");
        int sof = 2;
        while (sof + 4 < jpeg.length && !((jpeg[sof] & 0xff) == 0xff && (jpeg[sof + 1] & 0xff) == 0xc0)) {
            sof += 2 + (((jpeg[sof + 2] & 0xff) << 8) | (jpeg[sof + 3] & 0xff));
        }
        if (r.nextInt(4) == 0) {
            return new Generated("jpeg-header/data-cut", "header.jpg",
                    Arrays.copyOf(jpeg, sof + r.nextInt(jpeg.length - sof)), false);
        }
        int[] sides = {0, 1, 7, 255, 2048, 4096, 7071, 7072, 40_000, 65_535, r.nextInt(65_536)};
        ByteBuffer b = ByteBuffer.wrap(jpeg);
        String field = r.nextBoolean() ? "height" : "width";
        b.putShort(sof + (field.equals("height") ? 5 : 7), (short) sides[r.nextInt(sides.length)]);
        return new Generated("jpeg-header/" + field, "header.jpg", jpeg, false);
    }

    private static byte[] redrawnPng(SplittableRandom r) throws IOException {
        BufferedImage img = RenderedDigits.render(mnist, r.nextInt(mnist.count()), 28 + r.nextInt(100),
                Color.BLACK, Color.WHITE, 0, 0);
        return encode(img, "png");
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no " + format + " writer");
        }
        return out.toByteArray();
    }
}
