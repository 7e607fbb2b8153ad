package dev.digitslab.comparison.predict;

import dev.digitslab.api.data.ImageSet;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Real MNIST test digits drawn the way users' images look: other sizes, colours and positions. */
public final class RenderedDigits {
    private RenderedDigits() {
    }

    /** A real MNIST test digit drawn at another size, with ink and paper colours, off centre. */
    public static BufferedImage render(ImageSet test, int row, int size, Color ink, Color paper, int dx, int dy) {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = test.features()[row * 784 + y * 28 + x];
                small.setRGB(x, y, mix(paper, ink, v).getRGB());
            }
        }
        BufferedImage big = new BufferedImage(size + Math.abs(dx) * 2, size + Math.abs(dy) * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, big.getWidth(), big.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(small, Math.abs(dx) + dx, Math.abs(dy) + dy, size, size, null);
        g.dispose();
        return big;
    }

    static Color mix(Color a, Color b, float t) {
        return new Color(Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

}
