package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.digitslab.comparison.predict.StreamedPng;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each bad input gets one clear line, a non-zero exit code and no stack trace unless --verbose. */
class BadInputTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DigitsLab.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertClearError(Result r, String expected) {
        assertEquals(DigitsLab.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    @Test
    void unknownExperiment(@TempDir Path dir) {
        assertClearError(run("run", "multi-class", "--out", dir.toString()),
                "unknown experiment 'multi-class' (known: zero-vs-one");
    }

    @Test
    void noExperimentNamed(@TempDir Path dir) {
        assertClearError(run("run", "--out", dir.toString()), "name an experiment");
    }

    @Test
    void malformedSpec(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("mine.yaml"), "name: mine\nnetwork: [{type: conv}]\n");
        assertClearError(run("run", "--spec", spec.toString(), "--out", dir.toString()),
                "unknown type 'conv'");
    }

    @Test
    void invalidSpecValues(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                data: {task: {kind: multiclass}}
                network: [{type: dense, units: 10, activation: softmax}]
                loss: categorical-cross-entropy
                optimizer: {kind: adam, learningRate: 0}
                batchSize: 32
                epochs: 1
                """);
        assertClearError(run("run", "--spec", spec.toString(), "--out", dir.toString()),
                "optimizer.learningRate: expected a finite number > 0, found 0.0");
    }

    /** The spec: 784 → units (ReLU) → 10 (softmax), Adam, batch size as given. */
    private static Path bigSpec(Path dir, int units, int batchSize) throws IOException {
        return Files.writeString(dir.resolve("big.yaml"), """
                name: big
                data: {task: {kind: multiclass}}
                network:
                  - {type: dense, units: %d, activation: relu}
                  - {type: dense, units: 10, activation: softmax}
                loss: categorical-cross-entropy
                optimizer: {kind: adam, learningRate: 0.001}
                batchSize: %d
                epochs: 1
                """.formatted(units, batchSize));
    }

    @Test
    void aNetworkNoArrayCanHoldIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        // Was: std::bad_alloc from Deeplearning4j, "FAILED: -1979015168" from the scratch network, exit 3, a report.
        Path out = dir.resolve("reports");
        Result r = run("run", "--spec", bigSpec(dir, 1_000_000_000, 32).toString(), "--out", out.toString());
        assertClearError(r, "digits-lab: spec big: dense layer 0 (784 × 1000000000) has weights of 784000000000 "
                + "values (2.9 TiB), more than an int-indexed array can hold (2147483639)");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aNetworkTooBigForThisMachineIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        // Was: OutOfMemoryError with a stack trace (scratch), native memory taken until the process was killed (DL4J).
        long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        assumeTrue(Runtime.getRuntime().maxMemory() < 60L << 30 && physical < 190L << 30,
                "this machine might hold 2.5 million units");
        Path spec = bigSpec(dir, 2_500_000, 32);
        Path out = dir.resolve("reports");
        Result both = run("run", "--spec", spec.toString(), "--out", out.toString());
        assertClearError(both, "digits-lab: spec big: training it with framework needs 189.7 GiB, but native memory "
                + "can give ND4J at most ");
        assertTrue(both.err().contains("; dense layer 0 (784 × 2500000) alone needs 189.2 GiB"), both.err());
        Result scratch = run("run", "--spec", spec.toString(), "--impl", "scratch", "--out", out.toString());
        assertClearError(scratch, "digits-lab: spec big: training it with scratch needs 68.8 GiB, but the JVM heap "
                + "can give at most ");
        assertTrue(scratch.err().contains("; dense layer 0 (784 × 2500000) alone needs 68.0 GiB"), scratch.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aBatchSizeNoTrainingSetHasIsAnInvalidSpec(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("reports");
        Result r = run("run", "--spec", bigSpec(dir, 128, Integer.MAX_VALUE).toString(), "--out", out.toString());
        assertClearError(r, "batchSize: expected at most 60000 (the largest training set a spec can name), found "
                + "2147483647");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badOverridesAndSweepsAreOneLineBeforeAnythingRuns(@TempDir Path dir) {
        Path out = dir.resolve("out");
        assertClearError(run("run", "multiclass", "--set", "optimizer.lr=0.1", "--out", out.toString()),
                "digits-lab: invalid experiment spec multiclass with --set optimizer.lr=0.1: optimizer.lr: unknown "
                        + "field 'lr' (known fields: beta1, beta2, epsilon, learningRate)");
        assertClearError(run("run", "multiclass", "--set", "batchSize=big", "--out", out.toString()),
                "batchSize: expected an integer, found 'big'");
        assertClearError(run("run", "multiclass", "--set", "l2=-1", "--out", out.toString()),
                "l2: expected a finite number >= 0, found -1.0");
        assertClearError(run("run", "multiclass", "--sweep", "l2=", "--out", out.toString()),
                "digits-lab: --sweep l2: expected at least one value, found none");
        assertClearError(run("run", "multiclass", "--sweep", "l2=0,1e-4", "--sweep", "l2=1e-3", "--out",
                out.toString()), "--sweep l2: swept twice");
        assertClearError(run("run", "multiclass", "--set", "l2=0", "--sweep", "l2=0,1e-4", "--out", out.toString()),
                "--sweep l2: also set by --set l2");
        assertClearError(run("run", "multiclass", "--sweep", "optimizer.learningRate=0.001,0", "--out",
                out.toString()), "invalid experiment spec multiclass@lr=0 (a point of the sweep): "
                + "optimizer.learningRate: expected a finite number > 0, found 0.0");
        assertClearError(run("run", "lockstep", "--sweep", "l2=0,1e-4", "--out", out.toString()),
                "--sweep: lockstep is a lockstep study; sweeps run comparison studies");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void unknownImplementation(@TempDir Path dir) {
        assertClearError(run("run", "zero-vs-one", "--impl", "pytorch", "--out", dir.toString()),
                "--impl must be framework, scratch or both, found 'pytorch'");
    }

    @Test
    void nonPositiveOverrides(@TempDir Path dir) {
        assertClearError(run("run", "multiclass", "--epochs", "0", "--out", dir.toString()),
                "--epochs must be a positive number, found 0");
    }

    @Test
    void missingModelFile(@TempDir Path dir) throws IOException {
        Path image = digitImage(dir);
        assertClearError(run("predict", dir.resolve("nope.model").toString(), image.toString()), "no such file");
    }

    @Test
    void corruptModelFile(@TempDir Path dir) throws IOException {
        Path model = Files.write(dir.resolve("junk.model"), new byte[] {1, 2, 3, 4, 5});
        Result r = run("predict", model.toString(), digitImage(dir).toString());
        assertClearError(r, "cannot load model " + model);
        assertTrue(r.err().contains("not a model saved by digits-lab"), r.err());
    }

    @Test
    void unreadableImage(@TempDir Path dir) throws IOException {
        Path notImage = Files.writeString(dir.resolve("digit.png"), "this is text, not a PNG");
        assertClearError(run("predict", dir.resolve("any.model").toString(), notImage.toString()),
                "image " + notImage + ": not an image format Java can read");
    }

    @Test
    void blankImage(@TempDir Path dir) throws IOException {
        BufferedImage white = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        Path file = dir.resolve("blank.png");
        ImageIO.write(white, "png", file.toFile());
        assertClearError(run("predict", dir.resolve("any.model").toString(), file.toString()), "is blank");
    }

    @Test
    void decompressionBombImage(@TempDir Path dir) throws IOException {
        // From the issue: a 1.6 MB PNG declaring 40000x40000 pixels took 5 GB and died of OutOfMemoryError.
        Path bomb = StreamedPng.black(dir.resolve("bomb.png"), 40_000, 40_000);
        Result r = run("predict", dir.resolve("any.model").toString(), bomb.toString());
        assertClearError(r, "image " + bomb + ": the PNG header declares 40000x40000 pixels");
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void imageWithNoDigit(@TempDir Path dir) throws IOException {
        BufferedImage twoPixels = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        twoPixels.setRGB(1, 0, Color.WHITE.getRGB());
        Path file = dir.resolve("tiny.png");
        ImageIO.write(twoPixels, "png", file.toFile());
        Result r = run("predict", dir.resolve("any.model").toString(), file.toString());
        assertClearError(r, "image " + file + ": no digit found (2x1 pixels, ink covers 1 pixel");
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void reportWithoutResults(@TempDir Path dir) {
        assertClearError(run("report", "--from", dir.resolve("missing").toString()), "no results folder");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) {
        Result r = run("--verbose", "report", "--from", dir.resolve("missing").toString());
        assertEquals(DigitsLab.BAD_INPUT, r.code());
    }

    static Path digitImage(Path dir) throws IOException {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.setColor(Color.BLACK);
        g.fillRect(18, 5, 4, 30);
        g.dispose();
        Path file = dir.resolve("one.png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
