package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Element-wise (or, for softmax, row-wise) non-linearities a layer can apply. */
public enum Activation {
    IDENTITY("identity"),
    RELU("relu"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    /** Row-wise over the layer's units; only valid on the output layer with categorical cross-entropy. */
    SOFTMAX("softmax");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Activation fromId(String id) {
        return SpecNames.parse(Activation.class, values(), Activation::id, id);
    }
}
