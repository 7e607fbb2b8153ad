package dev.digitslab.api.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a spec set to a value, from {@code --set PATH=VALUE}. The value is read as YAML, as it would be
 * written in a spec file: {@code 0.003}, {@code 1e-4}, {@code adam}, {@code [42, 43]},
 * {@code {type: dropout, rate: 0.5}}. {@link SpecLoader#withOverrides} applies it and validates the result.
 *
 * @param path  the field
 * @param value the value, as a YAML/JSON tree
 */
public record SpecOverride(SpecPath path, JsonNode value) {

    /**
     * Parses {@code PATH=VALUE}.
     *
     * @throws IllegalArgumentException one line naming the argument, what was expected and what was found
     */
    public static SpecOverride parse(String argument) {
        int eq = argument.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--set " + argument + ": expected PATH=VALUE, e.g. "
                    + "optimizer.learningRate=0.003, found no '='");
        }
        SpecPath path = SpecPath.parse(argument.substring(0, eq));
        String text = argument.substring(eq + 1).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--set " + argument + ": expected a value after '=', found nothing");
        }
        return new SpecOverride(path, SpecTree.value(text, "--set " + path));
    }

    @Override
    public String toString() {
        return path + "=" + SpecTree.text(value);
    }
}
