package dev.digitslab.comparison.predict;

import java.util.Locale;

/**
 * The box around a picture's clearly inked pixels, and the check that it can hold a digit. The bounds are set
 * from the 10,000 MNIST test digits (InkBoxTest draws each one, at 28x28 and larger, and all pass): there, the ink
 * covers at least 31 pixels, spans at least 14, is at most 2 times as wide as tall and 10 times as tall as wide,
 * and covers at least 15% of its box. The bounds leave room for digits drawn smaller, wider or with a finer
 * pen than MNIST's (at half MNIST's size, 28x28 shrunk to 14x14, 9,997 of the 10,000 still pass).
 *
 * @param inkPixels pixels above {@link #INKED} inside the box
 */
record InkBox(int left, int top, int width, int height, int inkPixels) {
    /** Ink above this (0..1, after contrast stretching) is the digit; below, paper and noise. */
    static final float INKED = 0.3f;
    /** A third of MNIST's fewest (31). */
    static final int MIN_INK_PIXELS = 10;
    /** Half MNIST's shortest span (14). */
    static final int MIN_LONGER_SIDE = 7;
    /** Twice MNIST's widest (2): a horizontal line or band is no digit. */
    static final double MAX_WIDE = 4;
    /** Five times MNIST's narrowest (a "1" 10 times as tall as wide): a "1" drawn with a fine pen reads, a hairline does not. */
    static final double MAX_TALL = 50;
    /** A fifteenth of MNIST's sparsest box (15%): a stroke a fiftieth of the digit's height still covers 3-5% of its box. */
    static final double MIN_COVER = 0.01;

    /** @param ink (h, w) 0..1, digit bright, at least one pixel above {@link #INKED} */
    static InkBox around(float[] ink, int w, int h) {
        int top = h;
        int bottom = -1;
        int left = w;
        int right = -1;
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] > INKED) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    count++;
                }
            }
        }
        return new InkBox(left, top, right - left + 1, bottom - top + 1, count);
    }

    /** Throws, saying what was found and what a digit needs, unless the ink can be a digit. */
    void requireDigit(String name, int imageWidth, int imageHeight) throws DigitImageException {
        String found = String.format(Locale.ROOT, "no digit found (%dx%d pixels, ink covers %d pixel%s in a %dx%d box",
                imageWidth, imageHeight, inkPixels, inkPixels == 1 ? "" : "s", width, height);
        if (inkPixels < MIN_INK_PIXELS || Math.max(width, height) < MIN_LONGER_SIDE) {
            throw new DigitImageException(name, found + "; a digit needs at least " + MIN_INK_PIXELS
                    + " inked pixels spanning at least " + MIN_LONGER_SIDE + " pixels)");
        }
        if (width > MAX_WIDE * height) {
            throw new DigitImageException(name, found + String.format(Locale.ROOT,
                    ": a band %.0f times as wide as tall; a digit is at most %.0f times)", (double) width / height,
                    MAX_WIDE));
        }
        if (height > MAX_TALL * width) {
            throw new DigitImageException(name, found + String.format(Locale.ROOT,
                    ": a sliver %.0f times as tall as wide; a digit is at most %.0f times)", (double) height / width,
                    MAX_TALL));
        }
        double cover = (double) inkPixels / ((long) width * height);
        if (cover < MIN_COVER) {
            throw new DigitImageException(name, found + String.format(Locale.ROOT,
                    ": scattered specks covering %.2f%% of it; a digit's strokes cover at least %.1f%%)",
                    100 * cover, 100 * MIN_COVER));
        }
    }
}
