package dev.digitslab.comparison.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.datasets.MnistSplits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures whose ink cannot be a digit are refused, saying why; every real MNIST test digit passes. */
class InkBoxTest {

    @Test
    void theIssuesTwoPixelPngHoldsNoDigit(@TempDir Path dir) throws IOException {
        // From the issue: one black pixel and one white, once predicted as "8 (p = 0.9997)".
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, Color.BLACK.getRGB());
        img.setRGB(1, 0, Color.WHITE.getRGB());
        Path file = dir.resolve("tiny.png");
        ImageIO.write(img, "png", file.toFile());
        DigitImageException e = assertThrows(DigitImageException.class, () -> DigitImage.read(file));
        assertEquals("image " + file + ": no digit found (2x1 pixels, ink covers 1 pixel in a 1x1 box; a digit needs "
                + "at least " + InkBox.MIN_INK_PIXELS + " inked pixels spanning at least " + InkBox.MIN_LONGER_SIDE
                + " pixels)", e.getMessage());
    }

    @Test
    void everyMnistTestDigitHoldsADigitAtItsOwnSizeAndLarger() throws DigitImageException {
        ImageSet test = MnistSplits.load(new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null), 42).test();
        assertEquals(10_000, test.count());
        List<String> refused = new ArrayList<>();
        for (int row = 0; row < test.count(); row++) {
            // As MNIST stores it (light on black, 28x28), and as a user would draw it (dark on paper, larger).
            for (BufferedImage img : List.of(RenderedDigits.render(test, row, 28, Color.WHITE, Color.BLACK, 0, 0),
                    RenderedDigits.render(test, row, 28 + row % 100, new Color(30, 30, 30), new Color(240, 240, 250),
                            0, 0))) {
                try {
                    DigitImage.convert(img, "test digit " + row);
                } catch (DigitImageException e) {
                    refused.add(e.getMessage());
                }
            }
        }
        assertTrue(refused.isEmpty(), refused.size() + " MNIST test digits refused, e.g. " + refused);
        int halfSizeRefused = 0;
        for (int row = 0; row < test.count(); row++) {
            try {
                DigitImage.convert(RenderedDigits.render(test, row, 14, Color.WHITE, Color.BLACK, 0, 0), "small " + row);
            } catch (DigitImageException e) {
                halfSizeRefused++;
            }
        }
        assertTrue(halfSizeRefused <= 3, halfSizeRefused + " of 10,000 refused at half MNIST's size (InkBox says 3)");
    }

    @Test
    void aFewPixelsOfInkAreNoDigit() {
        DigitImageException e = refused(picture(100, 100, g -> g.fillRect(40, 40, 3, 3)));
        assertTrue(e.getMessage().contains("ink covers 9 pixels in a 3x3 box; a digit needs at least"), e.getMessage());
    }

    @Test
    void aHorizontalBandIsNoDigit() {
        DigitImageException e = refused(picture(400, 100, g -> g.fillRect(20, 45, 360, 10)));
        assertTrue(e.getMessage().contains("in a 360x10 box: a band 36 times as wide as tall; a digit is at most "),
                e.getMessage());
    }

    @Test
    void aHairlineIsNoDigitButAThinStrokeIsAOne() throws DigitImageException {
        DigitImageException e = refused(picture(100, 1000, g -> g.fillRect(50, 10, 1, 980)));
        assertTrue(e.getMessage().contains("in a 1x980 box: a sliver 980 times as tall as wide; a digit is at most "),
                e.getMessage());
        DigitImage.convert(picture(100, 1000, g -> g.fillRect(50, 10, 40, 980)), "a thin one");
    }

    @Test
    void scatteredSpecksAreNoDigit() {
        DigitImageException e = refused(picture(1000, 1000, g -> {
            for (int i = 0; i < 10; i++) {
                g.fillRect(37 + i * 97, (i * 311) % 950 + 20, 2, 2);
            }
        }));
        assertTrue(e.getMessage().contains("scattered specks covering 0.00"), e.getMessage());
    }

    private static DigitImageException refused(BufferedImage img) {
        return assertThrows(DigitImageException.class, () -> DigitImage.convert(img, "drawn.png"));
    }

    /** Black ink drawn on white paper. */
    private static BufferedImage picture(int w, int h, java.util.function.Consumer<Graphics2D> draw) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        draw.accept(g);
        g.dispose();
        return img;
    }
}
