package dev.digitslab.comparison.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.testing.ThreadAllocation;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image files that claim more than they hold, or hold more than a digit needs: bounded memory, one clear line. */
class BoundedImageReaderTest {
    /** Refusing from the header costs the reader's buffers and the decoders' lookup, nothing per pixel. */
    private static final long HEADER_ONLY_BYTES = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void theIssuesPngDeclaring40000By40000PixelsIsRefusedFromItsHeader() throws IOException {
        // The input from the issue: a valid single-colour PNG, 1.6 MB on disk, 1.6 GB of pixels decoded.
        Path bomb = StreamedPng.black(dir.resolve("bomb.png"), 40_000, 40_000);
        assertTrue(Files.size(bomb) < 2_000_000, Files.size(bomb) + " bytes");
        DigitImageException e = refusedWithin(bomb, HEADER_ONLY_BYTES);
        assertEquals("image " + bomb + ": the PNG header declares 40000x40000 pixels (1600 megapixels); at most 50 "
                + "megapixels are read (scale it down first)", e.getMessage());
    }

    @Test
    void aPngDeclaring20000By20000PixelsIsRefusedFromItsHeader() throws IOException {
        Path bomb = StreamedPng.black(dir.resolve("bomb.png"), 20_000, 20_000);
        DigitImageException e = refusedWithin(bomb, HEADER_ONLY_BYTES);
        assertTrue(e.getMessage().contains("declares 20000x20000 pixels (400 megapixels)"), e.getMessage());
    }

    @Test
    void aHeaderDeclaringHugeDimensionsOverShortDataIsRefusedFromTheHeader() throws IOException {
        byte[] png = smallPng();
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE);
        Path file = Files.write(dir.resolve("liar.png"), withIhdrCrc(png));
        DigitImageException e = refusedWithin(file, HEADER_ONLY_BYTES);
        assertTrue(e.getMessage().contains("declares 2147483647x2147483647 pixels"), e.getMessage());
    }

    @Test
    void theBombsConstructionDecodesToABlackPicture() throws IOException {
        // The same construction at a size that may be decoded (4 repeated pieces and a last one): a valid PNG.
        Path black = StreamedPng.black(dir.resolve("black.png"), 4500, 4000);
        BufferedImage image = BoundedImageReader.read(black);
        assertEquals(1500, image.getWidth(), "subsampled 1:3 while decoding");
        assertEquals(1334, image.getHeight());
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                assertEquals(0xff000000, image.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        DigitImageException e = assertThrows(DigitImageException.class, () -> DigitImage.read(black));
        assertEquals("image " + black + ": is blank (no digit to see: grey levels only span 0)", e.getMessage());
    }

    @Test
    void aFortyEightMegapixelPhotoOfADigitIsSubsampledWhileDecoding() throws IOException {
        // 8000x6000, a dark ring (a zero) on white paper: 48 MB of grey levels, decoded at 2000x1500.
        int w = 8000;
        int h = 6000;
        Path photo = StreamedPng.write(dir.resolve("photo.png"), w, h, (y, row) -> {
            for (int x = 0; x < w; x++) {
                double r = Math.hypot((x - w / 2.0) / 1.3, y - h / 2.0);
                row[x] = (byte) (r > 1500 && r < 2000 ? 20 : 235);
            }
        });
        ThreadAllocation.assumeSupported();
        long before = ThreadAllocation.now();
        BufferedImage image = BoundedImageReader.read(photo);
        float[] digit = DigitImage.convert(image, photo.toString());
        long allocated = ThreadAllocation.now() - before;
        assertEquals(2000, image.getWidth());
        assertEquals(1500, image.getHeight());
        assertEquals(DigitImage.SIDE * DigitImage.SIDE, digit.length);
        // The decoded picture (3 MB) and its float copies (12 MB each), not the 48 MB photo and its copies.
        assertTrue(allocated < 96L << 20, "allocated " + (allocated >> 20) + " MB");
    }

    @Test
    void aPngWhoseDataEndsEarlyIsRefused() throws IOException {
        byte[] png = smallPng();
        int iend = png.length - 12;
        byte[] cut = Arrays.copyOf(png, iend - 40); // into the IDAT chunk, IEND gone
        Path file = Files.write(dir.resolve("cut.png"), cut);
        DigitImageException e = assertThrows(DigitImageException.class, () -> DigitImage.read(file));
        assertTrue(e.getMessage().startsWith("image " + file + ": damaged or truncated PNG data ("), e.getMessage());
    }

    @Test
    void aJpegWhoseDataEndsEarlyIsRefusedRatherThanFilledWithGrey() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(digitPicture(300), "jpg", jpeg);
        byte[] bytes = jpeg.toByteArray();
        Path file = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
        DigitImageException e = assertThrows(DigitImageException.class, () -> DigitImage.read(file));
        assertTrue(e.getMessage().startsWith("image " + file + ": truncated: the JPEG data ends before its 300x300 "
                + "pixels do ("), e.getMessage());
    }

    @Test
    void aFileLargerThan64MegabytesIsNotRead() throws IOException {
        Path file = dir.resolve("huge.png");
        Files.write(file, smallPng());
        try (RandomAccessFile grow = new RandomAccessFile(file.toFile(), "rw")) {
            grow.setLength((64L << 20) + 1); // sparse: no disk used
        }
        DigitImageException e = refusedWithin(file, HEADER_ONLY_BYTES);
        assertEquals("image " + file + ": is 67,108,865 bytes; images of at most 64 MB are read (scale it down first)",
                e.getMessage());
    }

    @Test
    void anEmptyFileIsNamedEmpty() throws IOException {
        Path file = Files.write(dir.resolve("empty.png"), new byte[0]);
        DigitImageException e = assertThrows(DigitImageException.class, () -> DigitImage.read(file));
        assertEquals("image " + file + ": is empty (0 bytes)", e.getMessage());
    }

    private static DigitImageException refusedWithin(Path file, long bytes) {
        ThreadAllocation.assumeSupported();
        long before = ThreadAllocation.now();
        DigitImageException e = assertThrows(DigitImageException.class, () -> DigitImage.read(file));
        long allocated = ThreadAllocation.now() - before;
        assertTrue(allocated < bytes, "allocated " + allocated + " bytes to refuse " + file);
        return e;
    }

    /** A dark stroke on white paper. */
    static BufferedImage digitPicture(int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(Color.BLACK);
        g.fillRect(side * 2 / 5, side / 8, side / 6, side * 3 / 4);
        g.dispose();
        return img;
    }

    private static byte[] smallPng() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(digitPicture(200), "png", png);
        return png.toByteArray();
    }

    /** The IHDR chunk's CRC recomputed, so the decoder reads the changed fields rather than rejecting the CRC. */
    static byte[] withIhdrCrc(byte[] png) {
        byte[] fixed = StreamedPng.chunk("IHDR", Arrays.copyOfRange(png, 16, 29));
        System.arraycopy(fixed, 0, png, 8, fixed.length);
        return png;
    }
}
