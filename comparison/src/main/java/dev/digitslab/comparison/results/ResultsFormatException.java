package dev.digitslab.comparison.results;

import java.util.List;

/**
 * Results that cannot be reported (a damaged or hand-edited results.json, or results a run should never have
 * produced), with every problem found, each naming the field by its JSON path, e.g.
 * {@code runs[3].test.accuracy: expected a number in [0, 1], found 2.5}. The message is one line: the file, the
 * first problem and how many more there are.
 */
public final class ResultsFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    /**
     * @param source   the file (or, for results not yet written, the file they were going to)
     * @param problems the problems kept, each "path: what is wrong"
     * @param found    how many problems there were (more than {@code problems} holds when they were capped)
     */
    public ResultsFormatException(String source, List<String> problems, int found) {
        super(format(source, problems, found));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public ResultsFormatException(String source, String problem, Throwable cause) {
        super(format(source, List.of(problem), 1), cause);
        this.source = source;
        this.problems = List.of(problem);
    }

    /** The file the results came from or were going to. */
    public String source() {
        return source;
    }

    /** Each problem as "path: what is wrong" (at most {@link Problems#KEPT}). */
    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems, int found) {
        String more = found > 1 ? " (and " + (found - 1) + " more problem" + (found > 2 ? "s" : "") + ")" : "";
        return "invalid results file " + source + ": " + problems.get(0) + more;
    }
}
