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
import org.junit.jupiter.api.Test;

class DigitImageTest {

    @Test
    void aRealMnistDigitComesBackCloseToItself() throws Exception {
        ImageSet test = MnistSplits.load(new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null), 42).test();
        int close = 0;
        for (int row = 0; row < 20; row++) {
            float[] back = DigitImage.convert(RenderedDigits.render(test, row, 28, Color.WHITE, Color.BLACK, 0, 0), "digit " + row);
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int p = 0; p < 784; p++) {
                float a = test.features()[row * 784 + p];
                dot += a * back[p];
                na += a * a;
                nb += back[p] * back[p];
            }
            if (dot / Math.sqrt(na * nb) > 0.98) {
                close++;
            }
        }
        // MNIST digits are already normalised this way, so converting one again changes little.
        assertTrue(close >= 19, close + " of 20 digits kept a cosine similarity above 0.98");
    }

    @Test
    void invertsLightBackgroundsAndCentresTheDigit() throws Exception {
        ImageSet test = MnistSplits.load(new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null), 42).test();
        float[] digit = DigitImage.convert(RenderedDigits.render(test, 0, 150, new Color(20, 20, 120), new Color(250, 245, 200), 30, -20),
                "blue on yellow");
        double mass = 0;
        double mx = 0;
        double my = 0;
        float border = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = digit[y * 28 + x];
                mass += v;
                mx += v * x;
                my += v * y;
                if (x == 0 || y == 0 || x == 27 || y == 27) {
                    border = Math.max(border, v);
                }
            }
        }
        assertEquals(14, mx / mass, 0.6);
        assertEquals(14, my / mass, 0.6);
        assertEquals(0f, border, 0.05f, "the paper became black: the outermost ring holds no ink");
    }

    @Test
    void rejectsABlankImage() {
        BufferedImage grey = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        DigitImageException e = assertThrows(DigitImageException.class, () -> DigitImage.convert(grey, "grey.png"));
        assertTrue(e.getMessage().startsWith("image grey.png: is blank"), e.getMessage());
    }
}
