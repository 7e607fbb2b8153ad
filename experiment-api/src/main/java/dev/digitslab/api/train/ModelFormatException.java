package dev.digitslab.api.train;

import java.io.IOException;

/** A saved-model file that cannot be loaded: names the file and what was wrong. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String file, String problem) {
        super("cannot load model " + file + ": " + problem);
    }

    public ModelFormatException(String file, String problem, Throwable cause) {
        super("cannot load model " + file + ": " + problem, cause);
    }
}
