package dev.digitslab.comparison.predict;

import java.io.IOException;

/** An image that cannot be turned into an MNIST-style digit: names the file and what is wrong. */
public final class DigitImageException extends IOException {
    private static final long serialVersionUID = 1L;

    public DigitImageException(String file, String problem) {
        super("image " + file + ": " + problem);
    }

    /** @param cause the decoder's own error, shown with --verbose */
    public DigitImageException(String file, String problem, Throwable cause) {
        super("image " + file + ": " + problem, cause);
    }
}
