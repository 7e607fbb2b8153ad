package dev.digitslab.comparison.report;

import dev.digitslab.comparison.results.Misclassified;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;

/** Draws misclassified digits in a grid, each captioned "true → predicted (confidence)". */
public final class DigitGrid {
    private static final int SCALE = 3;
    private static final int COLUMNS = 6;
    private static final int CAPTION = 16;
    private static final int PAD = 6;

    private DigitGrid() {
    }

    /**
     * @param side image side in pixels (28 for MNIST)
     * @param describe caption for each digit, e.g. "7 → 1 (0.98)"
     */
    public static BufferedImage draw(List<Misclassified> digits, int side,
                                     java.util.function.Function<Misclassified, String> describe) {
        int cell = side * SCALE;
        int cols = Math.max(1, Math.min(COLUMNS, digits.size()));
        int rows = Math.max(1, (digits.size() + cols - 1) / cols);
        int cellW = cell + 2 * PAD + 24;
        int cellH = cell + CAPTION + 2 * PAD;
        // Grey levels only (ink, frame, greyscale-antialiased captions): one byte per pixel, a third of RGB's PNG.
        BufferedImage image = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < digits.size(); i++) {
                Misclassified m = digits.get(i);
                int x0 = (i % cols) * cellW + PAD + 12;
                int y0 = (i / cols) * cellH + PAD;
                byte[] pixels = Base64.getDecoder().decode(m.pixels());
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        int v = 255 - (pixels[r * side + c] & 0xff); // dark ink on white paper
                        g.setColor(new Color(v, v, v));
                        g.fillRect(x0 + c * SCALE, y0 + r * SCALE, SCALE, SCALE);
                    }
                }
                g.setColor(new Color(0x333333));
                g.drawRect(x0 - 1, y0 - 1, cell + 1, cell + 1);
                g.drawString(describe.apply(m), x0 - 10, y0 + cell + CAPTION - 3);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
