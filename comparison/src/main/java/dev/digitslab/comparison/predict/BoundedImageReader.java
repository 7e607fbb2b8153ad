package dev.digitslab.comparison.predict;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image file in bounded memory and time, whatever its header claims. The file's size and the
 * dimensions its header declares are checked before any pixel is decoded (a 1.6 MB PNG can declare
 * 40000x40000 pixels, 6.4 GB decoded); images larger than {@link #MAX_DECODED_SIDE} on a side are subsampled
 * while decoding, so a phone photo costs what a 2048-pixel image costs; data that ends early is refused
 * rather than decoded into a half-grey picture.
 */
final class BoundedImageReader {
    /** Several times a phone photo (a 50-megapixel JPEG is about 20 MB); more would only cost reading time. */
    static final long MAX_FILE_BYTES = 64L << 20;
    /**
     * 50 megapixels (8000x6000 and every phone camera's full resolution fit): decoding time grows with the
     * declared pixels even when subsampled, and a progressive JPEG's decoder holds up to 6 bytes per pixel.
     */
    static final long MAX_PIXELS = 50_000_000L;
    /** The decoded picture's longer side at most: still 100 times the 20-pixel box a digit is scaled into. */
    static final int MAX_DECODED_SIDE = 2048;

    private BoundedImageReader() {
    }

    /** @return the picture, subsampled when a side exceeds {@link #MAX_DECODED_SIDE} */
    static BufferedImage read(Path file) throws DigitImageException {
        String name = file.toString();
        checkSize(file, name);
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DigitImageException(name, "not an image format Java can read (use PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                return decode(reader, in, name);
            } finally {
                reader.dispose();
            }
        } catch (DigitImageException e) {
            throw e;
        } catch (IOException e) {
            throw new DigitImageException(name, "unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static void checkSize(Path file, String name) throws DigitImageException {
        if (!Files.isRegularFile(file)) {
            throw new DigitImageException(name, "no such file");
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new DigitImageException(name, "unreadable (" + e.getMessage() + ")", e);
        }
        if (bytes == 0) {
            throw new DigitImageException(name, "is empty (0 bytes)");
        }
        if (bytes > MAX_FILE_BYTES) {
            throw new DigitImageException(name, String.format(Locale.ROOT,
                    "is %,d bytes; images of at most %d MB are read (scale it down first)", bytes, MAX_FILE_BYTES >> 20));
        }
    }

    private static BufferedImage decode(ImageReader reader, ImageInputStream in, String name)
            throws DigitImageException {
        String format = reader.getOriginatingProvider() == null ? "image"
                : reader.getOriginatingProvider().getFormatNames()[0].toUpperCase(Locale.ROOT);
        try {
            reader.setInput(in, true, true); // first image only, no metadata: nothing decoded that is not pixels
            int width = reader.getWidth(0); // from the header: no pixel decoded yet
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new DigitImageException(name, "the " + format + " header declares " + width + "x" + height
                        + " pixels");
            }
            if ((long) width * height > MAX_PIXELS) {
                throw new DigitImageException(name, String.format(Locale.ROOT,
                        "the %s header declares %dx%d pixels (%.0f megapixels); at most %d megapixels are read "
                                + "(scale it down first)", format, width, height, width * (double) height / 1e6,
                        MAX_PIXELS / 1_000_000));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (Math.max(width, height) + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE;
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            TruncationWatch truncation = new TruncationWatch();
            reader.addIIOReadWarningListener(truncation);
            BufferedImage image = reader.read(0, param);
            if (truncation.warning != null) {
                throw new DigitImageException(name, "truncated: the " + format + " data ends before its "
                        + width + "x" + height + " pixels do (" + truncation.warning + ")");
            }
            if (image == null) {
                throw new DigitImageException(name, "the " + format + " decoder returned no picture");
            }
            return image;
        } catch (DigitImageException e) {
            throw e;
        } catch (IOException e) {
            throw new DigitImageException(name, "damaged or truncated " + format + " data (" + causes(e) + ")", e);
        } catch (RuntimeException e) {
            // The JDK's decoders meet damaged data with whatever exception their code happens to throw.
            throw new DigitImageException(name, "damaged " + format + " data (the decoder failed on it)", e);
        }
    }

    /** The message and those of its causes: the JDK's decoders wrap the useful part ("Unexpected end of ZLIB input stream"). */
    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && s.indexOf(m) < 0) {
                s.append(s.length() == 0 ? "" : ": ").append(m);
            }
        }
        return s.length() == 0 ? e.getClass().getSimpleName() : s.toString();
    }

    /** Stops decoding at the JPEG decoder's warning that the data ended early (it would fill the rest with grey). */
    private static final class TruncationWatch implements IIOReadWarningListener {
        String warning;

        @Override
        public void warningOccurred(ImageReader source, String message) {
            String m = message.toLowerCase(Locale.ROOT);
            if (m.contains("premature end") || m.contains("truncated")) {
                warning = message;
                source.abort();
            }
        }
    }
}
