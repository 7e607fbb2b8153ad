package dev.digitslab.comparison.cli;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.comparison.predict.DigitImage;
import dev.digitslab.comparison.predict.SavedModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify your own digit images with a saved model of either implementation.",
                "Any PNG or JPEG works: it is converted the MNIST way (greyscale, inverted if the background is "
                        + "light, cropped, scaled into 20x20, centred by centre of mass in 28x28)."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model saved by `digits-lab run` (OUT/models/...).")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG images of one digit each.")
    List<Path> images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        // Convert every image first: a bad image is reported before any model work.
        float[] features = new float[images.size() * DigitImage.SIDE * DigitImage.SIDE];
        for (int i = 0; i < images.size(); i++) {
            float[] digit = DigitImage.read(images.get(i));
            System.arraycopy(digit, 0, features, i * digit.length, digit.length);
        }
        try (TrainableModel m = SavedModels.load(model)) {
            TaskSpec task = m.spec().task();
            ImageSet set = new ImageSet(features, new int[images.size()], new byte[images.size()], images.size(),
                    DigitImage.SIDE * DigitImage.SIDE, task.classes());
            float[] probs = m.predict(set);
            int outputs = task.outputs();
            out.printf("model %s: %s (%s)%n", model, m.spec().name(), task.describe());
            for (int i = 0; i < images.size(); i++) {
                int predicted = Scores.predictedClass(probs, outputs, i);
                if (outputs == 1) {
                    float p = probs[i];
                    out.printf(Locale.ROOT, "%s: %s  (P(%s) = %.4f)%n", images.get(i), task.className(predicted),
                            task.className(1), p);
                } else {
                    StringBuilder all = new StringBuilder();
                    for (int k = 0; k < outputs; k++) {
                        all.append(String.format(Locale.ROOT, " %d:%.3f", k, probs[i * outputs + k]));
                    }
                    out.printf(Locale.ROOT, "%s: %d  (p = %.4f)  probabilities%s%n", images.get(i), predicted,
                            probs[i * outputs + predicted], all);
                }
            }
        }
        out.flush();
        return 0;
    }
}
