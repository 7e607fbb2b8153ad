package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.ModelFormatException;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();
    private static final ExperimentSpec SPEC = Specs.multiclass("saved", Specs.everyLayer(20, 0.2),
            OptimizerSpec.adam(1e-3), 1e-4, null, 32, null);
    private static final ImageSet DATA = Specs.randomImages(200, 784, 10, 8L);

    @TempDir
    Path dir;

    @Test
    void saveThenLoadRestoresSpecParametersAndPredictions() throws IOException {
        TrainableModel original = trained();
        Path file = dir.resolve("model.zip");
        original.save(file);
        TrainableModel loaded = TRAINER.load(file);
        assertEquals(SPEC, loaded.spec());
        assertArrayEquals(original.parameters().flatten(), loaded.parameters().flatten());
        assertArrayEquals(original.predict(DATA), loaded.predict(DATA));
        assertEquals(((FrameworkModel) original).seed(), ((FrameworkModel) loaded).seed());
    }

    @Test
    void loadedModelKeepsTheOptimiserStateAndTrainsOnIdentically() throws IOException {
        TrainableModel original = trained();
        Path file = dir.resolve("model.zip");
        original.save(file);
        TrainableModel loaded = TRAINER.load(file);
        int[] order = Specs.identityOrder(DATA.count());
        TrainingRun.trainEpoch(original, DATA, order, 2, TrainingListener.NONE);
        TrainingRun.trainEpoch(loaded, DATA, order, 2, TrainingListener.NONE);
        assertArrayEquals(original.parameters().flatten(), loaded.parameters().flatten());
    }

    @Test
    void savingReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "old");
        trained().save(file);
        TRAINER.load(file);
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList());
        }
    }

    @Test
    void rejectsAFileThatIsNotAModel() throws IOException {
        Path file = dir.resolve("notes.zip");
        Files.writeString(file, "these are not the weights you are looking for");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TRAINER.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a Deeplearning4j model"),
                e.getMessage());
    }

    @Test
    void rejectsATruncatedModel() throws IOException {
        Path full = dir.resolve("full.zip");
        trained().save(full);
        byte[] bytes = Files.readAllBytes(full);
        Path file = dir.resolve("truncated.zip");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TRAINER.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsADl4jModelSavedWithoutItsSpec() throws IOException {
        Path file = dir.resolve("plain-dl4j.zip");
        ModelSerializer.writeModel(((FrameworkModel) trained()).network(), file.toFile(), true);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TRAINER.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(ModelFile.SPEC_KEY),
                e.getMessage());
    }

    @Test
    void rejectsAModelWhoseSpecDescribesAnotherNetwork() throws IOException {
        Path file = dir.resolve("mismatch.zip");
        ModelSerializer.writeModel(((FrameworkModel) trained()).network(), file.toFile(), true);
        ExperimentSpec other = Specs.multiclass("other", Specs.mlp(20), OptimizerSpec.adam(1e-3), 0.0, null, 32, null);
        ModelSerializer.addObjectToFile(file.toFile(), ModelFile.SPEC_KEY, SpecLoader.toJson(other));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TRAINER.load(file));
        assertTrue(e.getMessage().contains("inconsistent"), e.getMessage());
    }

    @Test
    void aModelSavedWithTheOldFlatOptimiserFieldsStillLoads() throws IOException {
        // Before each optimiser kind had its own record, every kind was saved with every field.
        Path file = dir.resolve("old.zip");
        ModelSerializer.writeModel(((FrameworkModel) trained()).network(), file.toFile(), true);
        String old = SpecLoader.toJson(SPEC).replace("\"kind\" : \"adam\",",
                "\"kind\" : \"adam\", \"momentum\" : 0.9, \"nesterov\" : false,");
        assertTrue(old.contains("nesterov"), old);
        ModelSerializer.addObjectToFile(file.toFile(), ModelFile.SPEC_KEY, old);
        assertEquals(SPEC, TRAINER.load(file).spec());
    }

    @Test
    void aMissingFileIsReportedAsMissing() {
        Path file = dir.resolve("absent.zip");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TRAINER.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static TrainableModel trained() {
        TrainableModel model = TRAINER.create(SPEC, 784, 21L, null);
        TrainingRun.trainEpoch(model, DATA, Specs.identityOrder(DATA.count()), 1, TrainingListener.NONE);
        return model;
    }
}
