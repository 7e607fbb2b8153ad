package dev.digitslab.comparison.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart as PNG drawn at twice its nominal size, sharp on high-density screens when shown at the nominal size:
 * every line, letter and marker is drawn at double resolution (not an enlarged 1× image). The file says
 * 144 dpi, so viewers that read the density (and print) show it at the nominal size too. XChart's own
 * {@code saveBitmapWithDPI} does the same but only into a named file; this one writes to a stream, so the
 * report's files stay atomic. The report's 1× images (digit grids) are written here too, so every PNG of a report
 * is compressed alike.
 */
final class HighDensityPng {
    /** Pixels per nominal pixel. */
    static final int SCALE = 2;
    private static final double INCH_IN_METRES = 0.0254;
    private static final int DPI = 72 * SCALE; // XChart's sizes are in points: 72 per inch
    private static final long PNG_SIGNATURE = 0x89504E470D0A1A0AL;
    private static final int PHYS = 0x70485973; // "pHYs"
    private static final int IDAT = 0x49444154; // "IDAT"

    private HighDensityPng() {
    }

    /** The chart drawn at {@link #SCALE} times its width and height. */
    static BufferedImage draw(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth() * SCALE, chart.getHeight() * SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(SCALE, SCALE);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return image;
    }

    static void write(Chart<?, ?> chart, OutputStream out) throws IOException {
        write(draw(chart), out);
    }

    /** The image as PNG with its density ({@link #DPI}) in a pHYs chunk. */
    static void write(BufferedImage image, OutputStream out) throws IOException {
        encode(image, out, true);
    }

    /** An image drawn at its nominal size (no density chunk), compressed as {@link #write} compresses. */
    static void writePlain(BufferedImage image, OutputStream out) throws IOException {
        encode(image, out, false);
    }

    /**
     * Deflate at its highest level: lossless, 15% smaller than ImageIO's default on the report's charts, which the
     * HTML page carries inline (a few milliseconds more per chart).
     */
    private static void encode(BufferedImage image, OutputStream out, boolean highDensity) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this JVM");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f); // 0 is the smallest file (deflate level 9)
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            if (highDensity) {
                density(metadata);
            }
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The width to show a PNG at, in CSS pixels: half the pixel width of one written here (its pHYs chunk says
     * {@link #DPI}), the pixel width of any other. Reads only the header chunks.
     */
    static int displayWidth(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png); // big-endian, as PNG
        if (png.length < 24 || b.getLong(0) != PNG_SIGNATURE) {
            throw new IllegalArgumentException("not a PNG");
        }
        int width = b.getInt(16); // IHDR is always first: length, type, then width
        long expected = Math.round(DPI / INCH_IN_METRES);
        for (int at = 8; at + 8 <= png.length; ) {
            int length = b.getInt(at);
            int type = b.getInt(at + 4);
            if (type == IDAT || length < 0 || at + 12 + length > png.length) {
                break; // pHYs comes before the image data
            }
            if (type == PHYS && length == 9 && png[at + 16] == 1
                    && Integer.toUnsignedLong(b.getInt(at + 8)) == expected) {
                return width / SCALE;
            }
            at += 12 + length;
        }
        return width;
    }

    private static void density(IIOMetadata metadata) throws IIOInvalidTreeException {
        String pixelsPerMetre = Long.toString(Math.round(DPI / INCH_IN_METRES));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
        phys.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        metadata.mergeTree("javax_imageio_png_1.0", root);
    }
}
