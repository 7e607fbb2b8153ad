package dev.digitslab.comparison.predict;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Turns any photo or drawing of one digit into an MNIST-style 28×28 image, the way MNIST itself was made:
 * greyscale, light ink on a dark background (inverted if the background is light), cropped to the digit,
 * scaled so its longer side is 20 pixels (aspect ratio kept, anti-aliased), and placed in a 28×28 field
 * so that its centre of mass is at the centre. A picture whose ink cannot be a digit (a few pixels, a band, a
 * sliver, scattered specks; see {@link InkBox}) is refused rather than given a made-up prediction.
 */
public final class DigitImage {
    public static final int SIDE = 28;
    static final int BOX = 20;
    /** Below this contrast (grey levels between darkest and lightest pixel) an image holds no digit. */
    static final int MIN_CONTRAST = 40;

    private DigitImage() {
    }

    /**
     * Reads and converts an image file; errors name the file. Memory and time are bounded whatever the file
     * claims (see {@link BoundedImageReader}).
     */
    public static float[] read(Path file) throws DigitImageException {
        return convert(BoundedImageReader.read(file), file.toString());
    }

    /**
     * @return (28·28) intensities in [0, 1], row-major, ink bright as in MNIST
     */
    public static float[] convert(BufferedImage image, String name) throws DigitImageException {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = greyscale(image); // (h, w) 0..255, light = 255
        float min = 255;
        float max = 0;
        for (float v : grey) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max - min < MIN_CONTRAST) {
            throw new DigitImageException(name, "is blank (no digit to see: grey levels only span "
                    + Math.round(max - min) + ")");
        }
        // Ink must be bright: invert when the border (the background) is light.
        boolean invert = borderMean(grey, w, h) > (min + max) / 2;
        float[] ink = new float[w * h]; // (h, w) 0..1, digit bright
        for (int i = 0; i < ink.length; i++) {
            float v = (grey[i] - min) / (max - min);
            ink[i] = invert ? 1 - v : v;
        }
        // Background noise must not widen the box: crop to pixels clearly inked.
        InkBox found = InkBox.around(ink, w, h);
        found.requireDigit(name, w, h);
        int left = found.left();
        int top = found.top();
        int cw = found.width();
        int ch = found.height();
        double scale = (double) BOX / Math.max(cw, ch);
        int sw = Math.max(1, (int) Math.round(cw * scale));
        int sh = Math.max(1, (int) Math.round(ch * scale));
        BufferedImage cropped = new BufferedImage(cw, ch, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                float v = Math.max(0, ink[(top + y) * w + left + x] - 0.05f) / 0.95f; // drop faint background
                cropped.getRaster().setSample(x, y, 0, Math.round(255 * v));
            }
        }
        float[] box = toFloats(resize(cropped, sw, sh)); // (sh, sw)
        // Centre of mass of the scaled digit, moved to the centre of the 28x28 field.
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                float v = box[y * sw + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        if (mass == 0) {
            throw new DigitImageException(name, "is blank after scaling the digit to 20x20 pixels");
        }
        // MNIST puts the centre of mass at pixel (14, 14) of the 0-based 28x28 grid (measured on its test set).
        int ox = clamp((int) Math.round(SIDE / 2.0 - mx / mass), SIDE - sw);
        int oy = clamp((int) Math.round(SIDE / 2.0 - my / mass), SIDE - sh);
        float[] out = new float[SIDE * SIDE];
        float peak = 0;
        for (float v : box) {
            peak = Math.max(peak, v);
        }
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                out[(oy + y) * SIDE + ox + x] = box[y * sw + x] / peak;
            }
        }
        return out;
    }

    private static float[] greyscale(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = new float[w * h];
        int[] row = new int[w]; // one row at a time: getRGB per pixel allocates for some image types
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                float a = ((argb >>> 24) & 0xff) / 255f;
                float lum = 0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff) + 0.114f * (argb & 0xff);
                grey[y * w + x] = a * lum + (1 - a) * 255f; // transparent pixels are paper
            }
        }
        return grey;
    }

    private static double borderMean(float[] grey, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += grey[x] + grey[(h - 1) * w + x];
            n += 2;
        }
        for (int y = 0; y < h; y++) {
            sum += grey[y * w] + grey[y * w + w - 1];
            n += 2;
        }
        return sum / n;
    }

    /** Anti-aliased resize: halve with bilinear filtering until close, then one last bilinear step. */
    private static BufferedImage resize(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        int cw = source.getWidth();
        int ch = source.getHeight();
        do {
            cw = Math.max(width, cw / 2);
            ch = Math.max(height, ch / 2);
            BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(current, 0, 0, cw, ch, null);
            g.dispose();
            current = next;
        } while (cw != width || ch != height);
        return current;
    }

    private static float[] toFloats(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = image.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return out;
    }

    private static int clamp(int offset, int max) {
        return Math.max(0, Math.min(max, offset));
    }
}
