package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Element-wise (or, for softmax, row-wise) non-linearities a layer can apply. */
public enum Activation implements SpecName {
    IDENTITY,
    RELU,
    SIGMOID,
    TANH,
    /** Row-wise over the layer's units; only valid on the output layer with categorical cross-entropy. */
    SOFTMAX;

    @JsonCreator
    public static Activation fromId(String id) {
        return SpecName.fromId(Activation.class, id, "Activation");
    }
}
