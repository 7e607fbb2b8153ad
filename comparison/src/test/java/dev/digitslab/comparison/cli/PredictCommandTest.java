package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.comparison.predict.RenderedDigits;
import dev.digitslab.comparison.predict.SavedModels;
import dev.digitslab.comparison.predict.StreamedPng;
import dev.digitslab.datasets.MnistSplits;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict, end to end: models saved by `run`, real MNIST digits re-rendered, a digit drawn with Java2D. */
class PredictCommandTest {
    @TempDir
    static Path dir;
    static Path scratchModel;
    static Path frameworkModel;
    static ImageSet test;

    @BeforeAll
    static void trainSmallModels() {
        int code = DigitsLab.execute("run", "multiclass", "--subset", "12000", "--epochs", "2", "--seeds", "1",
                "--out", dir.resolve("reports").toString());
        assertEquals(0, code);
        scratchModel = dir.resolve("reports/models/multiclass/scratch-seed42.model");
        frameworkModel = dir.resolve("reports/models/multiclass/framework-seed42.model");
        test = MnistSplits.load(new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null), 42).test();
    }

    @Test
    void classifiesRealDigitsRenderedAtOtherSizesAndColoursLikeTheOriginals() throws IOException {
        for (Path model : List.of(scratchModel, frameworkModel)) {
            List<Path> images = new ArrayList<>();
            int[] expected = new int[20];
            try (TrainableModel m = SavedModels.load(model)) {
                int[] original = Scores.predictedClasses(m.predict(test), 10);
                for (int row = 0; row < 20; row++) {
                    expected[row] = original[row];
                    boolean dark = row % 2 == 0;
                    BufferedImage img = RenderedDigits.render(test, row, 60 + 10 * row,
                            dark ? new Color(30, 30, 30) : new Color(255, 255, 220),
                            dark ? new Color(240, 240, 255) : new Color(10, 40, 10), row - 10, 5 - row);
                    Path file = dir.resolve("digit-" + row + (dark ? ".png" : ".jpg"));
                    ImageIO.write(img, dark ? "png" : "jpg", file.toFile());
                    images.add(file);
                }
            }
            List<String> args = new ArrayList<>(List.of("predict", model.toString()));
            images.forEach(p -> args.add(p.toString()));
            BadInputTest.Result r = BadInputTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            int same = 0;
            for (int row = 0; row < 20; row++) {
                String prefix = images.get(row) + ": ";
                String line = r.out().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
                if (line.startsWith(prefix + expected[row] + " ")) {
                    same++;
                }
            }
            assertTrue(same >= 18, model + ": " + same + " of 20 re-rendered digits kept their prediction\n" + r.out());
        }
    }

    @Test
    void readsAHandDrawnSeven() throws IOException {
        BufferedImage img = new BufferedImage(200, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 240);
        g.setColor(new Color(20, 20, 20));
        g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(40, 40, 160, 40);   // the bar
        g.drawLine(160, 40, 85, 210);  // the stem
        g.dispose();
        Path file = dir.resolve("seven.png");
        ImageIO.write(img, "png", file.toFile());
        BadInputTest.Result r = BadInputTest.run("predict", scratchModel.toString(), file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(file + ": 7 "), r.out());
    }

    @Test
    void badImagesAmongGoodOnesGetOneLineEachAndTheGoodOnesArePredicted() throws IOException {
        List<Path> good = new ArrayList<>();
        for (int row = 0; row < 2; row++) {
            Path file = dir.resolve("good-" + row + ".png");
            ImageIO.write(RenderedDigits.render(test, row, 80, Color.BLACK, Color.WHITE, 0, 0), "png", file.toFile());
            good.add(file);
        }
        BufferedImage twoPixels = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        twoPixels.setRGB(1, 0, Color.WHITE.getRGB());
        Path tiny = dir.resolve("tiny.png");
        ImageIO.write(twoPixels, "png", tiny.toFile());
        Path bomb = StreamedPng.black(dir.resolve("bomb.png"), 20_000, 20_000);
        Path missing = dir.resolve("missing.png");

        BadInputTest.Result r = BadInputTest.run("predict", scratchModel.toString(), good.get(0).toString(),
                tiny.toString(), bomb.toString(), missing.toString(), good.get(1).toString());

        assertEquals(2, r.code(), "exit code 2 when any image was not predicted");
        assertEquals(List.of("digits-lab: image " + tiny + ": no digit found (2x1 pixels, ink covers 1 pixel in a 1x1 box; "
                        + "a digit needs at least 10 inked pixels spanning at least 7 pixels)",
                "digits-lab: image " + bomb + ": the PNG header declares 20000x20000 pixels (400 megapixels); "
                        + "at most 50 megapixels are read (scale it down first)",
                "digits-lab: image " + missing + ": no such file"), r.err().lines().toList());
        List<String> predicted = r.out().lines().filter(l -> !l.startsWith("model ")).toList();
        assertEquals(2, predicted.size(), r.out());
        for (int i = 0; i < 2; i++) {
            assertTrue(predicted.get(i).matches(java.util.regex.Pattern.quote(good.get(i).toString())
                    + ": \\d  \\(p = [01]\\.\\d{4}\\)  probabilities.*"), predicted.get(i));
        }
    }
}
