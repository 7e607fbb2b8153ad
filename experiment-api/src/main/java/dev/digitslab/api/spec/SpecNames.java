package dev.digitslab.api.spec;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the lower-case names used in spec files, listing the accepted names when one is unknown. */
final class SpecNames {
    private SpecNames() {
    }

    static <E> E parse(Class<E> type, E[] values, Function<E, String> name, String given) {
        for (E value : values) {
            if (name.apply(value).equalsIgnoreCase(given)) {
                return value;
            }
        }
        String accepted = Arrays.stream(values).map(name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "unknown " + type.getSimpleName() + " '" + given + "' (expected one of: " + accepted + ")");
    }
}
