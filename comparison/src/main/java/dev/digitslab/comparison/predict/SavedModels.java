package dev.digitslab.comparison.predict;

import dev.digitslab.api.train.ModelFormatException;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.Trainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a model saved by either implementation, whichever wrote it. */
public final class SavedModels {
    private SavedModels() {
    }

    public static TrainableModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file.toString(), "no such file");
        }
        List<String> reasons = new ArrayList<>();
        for (Trainer trainer : Trainers.all()) {
            try {
                return trainer.load(file);
            } catch (ModelFormatException e) {
                reasons.add(trainer.id() + ": " + e.getMessage());
            }
        }
        throw new ModelFormatException(file.toString(), "not a model saved by digits-lab ("
                + String.join("; ", reasons) + ")");
    }
}
