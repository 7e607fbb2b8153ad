package dev.digitslab.api.spec;

import java.util.List;

/** A spec that cannot be run, with every problem found, each naming the source and the field. */
public final class InvalidSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    public InvalidSpecException(String source, List<String> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public InvalidSpecException(String source, String problem, Throwable cause) {
        super(format(source, List.of(problem)), cause);
        this.source = source;
        this.problems = List.of(problem);
    }

    /** Where the spec came from: a file path, or a description such as a catalogue entry. */
    public String source() {
        return source;
    }

    /** Each problem as "field: what is wrong". */
    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems) {
        if (problems.size() == 1) {
            return "invalid experiment spec " + source + ": " + problems.get(0);
        }
        return "invalid experiment spec " + source + " (" + problems.size() + " problems):\n  - "
                + String.join("\n  - ", problems);
    }
}
