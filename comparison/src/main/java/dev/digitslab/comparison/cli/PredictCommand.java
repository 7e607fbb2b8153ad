package dev.digitslab.comparison.cli;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.comparison.predict.DigitImage;
import dev.digitslab.comparison.predict.DigitImageException;
import dev.digitslab.comparison.predict.SavedModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify your own digit images with a saved model of either implementation.",
                "Any PNG or JPEG works: it is converted the MNIST way (greyscale, inverted if the background is "
                        + "light, cropped, scaled into 20x20, centred by centre of mass in 28x28).",
                "An image that holds no digit it can read (too little ink, a sliver or a band, scattered specks), "
                        + "is damaged or truncated, is larger than 64 MB or declares more than 50 megapixels gets "
                        + "one line on stderr; the other images are still predicted. Images over 2048 pixels on a "
                        + "side are subsampled while decoding."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image predicted", "2:an image could not be read (the others are still predicted), "
                + "or the model could not be loaded"},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab predict \\",
                "      digits-lab-reports/models/multiclass/scratch-seed42.model \\",
                "      comparison/target/digits-lab/samples/*.png   # the samples beside bin/",
                "  digits-lab predict MODEL my-photo.jpg            # any PNG/JPEG of one digit"})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model saved by `digits-lab run` (OUT/models/...).")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG images of one digit each.")
    List<Path> images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Every image is converted before any model work; a bad one is reported and the others still predicted.
        List<Path> read = new ArrayList<>();
        List<float[]> digits = new ArrayList<>(); // each (28·28)
        PrintWriter err = spec.commandLine().getErr();
        for (Path image : images) {
            try {
                digits.add(DigitImage.read(image));
                read.add(image);
            } catch (DigitImageException e) {
                err.println("digits-lab: " + e.getMessage());
                if (DigitsLab.verbose(spec.root().commandLine().getParseResult())) {
                    e.printStackTrace(err);
                }
            }
        }
        err.flush();
        if (!read.isEmpty()) {
            predict(read, digits);
        }
        return read.size() == images.size() ? 0 : DigitsLab.BAD_INPUT;
    }

    private void predict(List<Path> read, List<float[]> digits) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int pixels = DigitImage.SIDE * DigitImage.SIDE;
        float[] features = new float[read.size() * pixels]; // (images, 28·28)
        for (int i = 0; i < read.size(); i++) {
            System.arraycopy(digits.get(i), 0, features, i * pixels, pixels);
        }
        try (TrainableModel m = SavedModels.load(model)) {
            TaskSpec task = m.spec().task();
            ImageSet set = new ImageSet(features, new int[read.size()], new byte[read.size()], read.size(), pixels,
                    task.classes());
            float[] probs = m.predict(set); // (images, outputs)
            int outputs = task.outputs();
            out.printf("model %s: %s (%s)%n", model, m.spec().name(), task.describe());
            for (int i = 0; i < read.size(); i++) {
                int predicted = Scores.predictedClass(probs, outputs, i);
                if (outputs == 1) {
                    float p = probs[i];
                    out.printf(Locale.ROOT, "%s: %s  (P(%s) = %.4f)%n", read.get(i), task.className(predicted),
                            task.className(1), p);
                } else {
                    StringBuilder all = new StringBuilder();
                    for (int k = 0; k < outputs; k++) {
                        all.append(String.format(Locale.ROOT, " %d:%.3f", k, probs[i * outputs + k]));
                    }
                    out.printf(Locale.ROOT, "%s: %d  (p = %.4f)  probabilities%s%n", read.get(i), predicted,
                            probs[i * outputs + predicted], all);
                }
            }
        }
        out.flush();
    }
}
