package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.digitslab.datasets.LabelledImages;
import dev.digitslab.datasets.MnistDataset;
import dev.digitslab.datasets.MnistLocator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The sample digits shipped beside bin/ (src/main/dist/samples, for the README tour's {@code predict}) are MNIST test
 * images, drawn as a user would: dark ink on white, 4× larger. {@link #main} writes them; the test proves that each
 * file still is the test image its name says, pixel for pixel.
 */
class SampleDigitsTest {
    /** Sample file name → index in the MNIST test set. */
    static final Map<String, Integer> SAMPLES = Map.of("seven.png", 0, "two.png", 1, "zero.png", 3);
    static final Path DIR = Path.of("src", "main", "dist", "samples");
    private static final int SCALE = 4;

    /** Writes the samples; run from the comparison module's folder. */
    public static void main(String[] args) throws IOException {
        LabelledImages test = mnistTest();
        for (Map.Entry<String, Integer> sample : SAMPLES.entrySet()) {
            ImageIO.write(drawn(test, sample.getValue()), "png", DIR.resolve(sample.getKey()).toFile());
        }
    }

    @Test
    void eachSampleIsItsMnistTestImageDarkOnWhiteFourTimesLarger() throws IOException {
        LabelledImages test = mnistTest();
        for (Map.Entry<String, Integer> sample : SAMPLES.entrySet()) {
            BufferedImage read = ImageIO.read(DIR.resolve(sample.getKey()).toFile());
            assertNotNull(read, sample.getKey());
            BufferedImage expected = drawn(test, sample.getValue());
            assertEquals(expected.getWidth(), read.getWidth(), sample.getKey());
            for (int y = 0; y < expected.getHeight(); y++) {
                for (int x = 0; x < expected.getWidth(); x++) {
                    assertEquals(expected.getRGB(x, y), read.getRGB(x, y), sample.getKey() + " at " + x + "," + y);
                }
            }
        }
    }

    /** Test image i, inverted (MNIST's ink is white on black) and scaled up by nearest neighbour. */
    private static BufferedImage drawn(LabelledImages images, int i) {
        BufferedImage image = new BufferedImage(images.cols() * SCALE, images.rows() * SCALE,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int ink = images.pixel(i, (y / SCALE) * images.cols() + x / SCALE);
                int grey = 255 - ink;
                image.setRGB(x, y, 0xff000000 | grey << 16 | grey << 8 | grey);
            }
        }
        return image;
    }

    private static LabelledImages mnistTest() throws IOException {
        return MnistDataset.read(MnistLocator.fromEnvironment().resolve()).test();
    }

    static int label(String sample) throws IOException {
        return mnistTest().label(SAMPLES.get(sample));
    }
}
