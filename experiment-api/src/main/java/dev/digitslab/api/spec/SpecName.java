package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum written in spec and catalogue files by its id: the constant's name in lower case with '-' for '_'
 * ({@code XAVIER_UNIFORM} is {@code xavier-uniform}). Each such enum reads its ids with a one-line
 * {@code @JsonCreator} that calls {@link #fromId}, so every unknown name is reported the same way.
 */
public interface SpecName {

    /** The enum constant's name; {@link Enum#name()} implements it. */
    String name();

    @JsonValue
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} with this id, ignoring case.
     *
     * @param what names the kind of value in the error, e.g. "Activation" gives
     *             "unknown Activation 'gelu' (expected one of: identity, relu, ...)"
     */
    static <E extends Enum<E> & SpecName> E fromId(Class<E> type, String id, String what) {
        E[] values = type.getEnumConstants();
        for (E value : values) {
            if (value.id().equalsIgnoreCase(id)) {
                return value;
            }
        }
        String accepted = Arrays.stream(values).map(SpecName::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + what + " '" + id + "' (expected one of: " + accepted + ")");
    }
}
