package dev.digitslab.comparison.run;

import dev.digitslab.api.io.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/** A trained model file's bytes, made where the run trained, written by the driver under {@link #path}. */
public record SavedModel(String spec, String implementation, long seed, byte[] bytes) implements Serializable {

    /** Where the model goes under the models folder: {@code {spec}/{implementation}-seed{seed}.model}. */
    public Path path(Path modelsDir) {
        return modelsDir.resolve(spec).resolve(implementation + "-seed" + seed + ".model");
    }

    /** Writes the bytes under the models folder, atomically. */
    void writeUnder(Path modelsDir) throws IOException {
        AtomicFiles.write(path(modelsDir), bytes);
    }
}
