package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.Serializable;

/**
 * What is predicted from a digit image, and how digits map to labels. In a spec file:
 * {@code {kind: multiclass}}, {@code {kind: digit-vs-rest, digit: 0}} or
 * {@code {kind: digit-vs-digit, negative: 0, positive: 1}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskSpec.Multiclass.class, name = "multiclass"),
        @JsonSubTypes.Type(value = TaskSpec.DigitVsRest.class, name = "digit-vs-rest"),
        @JsonSubTypes.Type(value = TaskSpec.DigitVsDigit.class, name = "digit-vs-digit")
})
public sealed interface TaskSpec extends Serializable {

    /** Number of classes: 10 for multiclass, 2 for the binary tasks. */
    @JsonIgnore
    int classes();

    /** Width of the network's output: 10 (softmax) for multiclass, 1 (sigmoid, P(label 1)) for binary. */
    @JsonIgnore
    default int outputs() {
        return classes() == 2 ? 1 : classes();
    }

    @JsonIgnore
    default boolean binary() {
        return classes() == 2;
    }

    /** The label of an image of {@code digit}, or −1 if the task leaves such images out. */
    int labelOf(int digit);

    /** A short human-readable description, e.g. "0 vs rest". */
    @JsonIgnore
    String describe();

    /** What a class means to a reader: "7" for multiclass, "0" / "not 0" for 0 vs rest, the digit for a vs b. */
    String className(int label);

    /** All ten digits; label = digit. */
    record Multiclass() implements TaskSpec {
        @Override
        public int classes() {
            return 10;
        }

        @Override
        public int labelOf(int digit) {
            return digit;
        }

        @Override
        public String describe() {
            return "0-9";
        }

        @Override
        public String className(int label) {
            return Integer.toString(label);
        }
    }

    /** All ten digits; label 1 for {@code digit}, 0 for every other digit. */
    record DigitVsRest(int digit) implements TaskSpec {
        @Override
        public int classes() {
            return 2;
        }

        @Override
        public int labelOf(int d) {
            return d == digit ? 1 : 0;
        }

        @Override
        public String describe() {
            return digit + " vs rest";
        }

        @Override
        public String className(int label) {
            return label == 1 ? Integer.toString(digit) : "not " + digit;
        }
    }

    /** Only the two digits; label 0 for {@code negative}, 1 for {@code positive}; others are left out. */
    record DigitVsDigit(int negative, int positive) implements TaskSpec {
        @Override
        public int classes() {
            return 2;
        }

        @Override
        public int labelOf(int d) {
            return d == negative ? 0 : d == positive ? 1 : -1;
        }

        @Override
        public String describe() {
            return negative + " vs " + positive;
        }

        @Override
        public String className(int label) {
            return Integer.toString(label == 1 ? positive : negative);
        }
    }
}
