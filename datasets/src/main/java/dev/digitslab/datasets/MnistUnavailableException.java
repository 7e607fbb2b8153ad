package dev.digitslab.datasets;

import java.io.IOException;

/** No location could supply the MNIST files; the message says what was tried and how to provide them. */
public final class MnistUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public MnistUnavailableException(String message) {
        super(message);
    }
}
