package dev.digitslab.comparison.results;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The problems found in one study's results, each "path: what is wrong", and the range checks every part of the
 * results uses. Only the first {@value #KEPT} are kept (a damaged file can have one per array element), but all
 * are counted.
 */
final class Problems {
    static final int KEPT = 100;
    /** A problem that starts with the field it is about: "optimizer.learningRate: ..." or "network[2].units: ...". */
    private static final Pattern FIELD_FIRST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\[\\d+]|\\.[A-Za-z][A-Za-z0-9]*)*: ");

    private final List<String> kept = new ArrayList<>();
    private int found;

    void add(String path, String what) {
        found++;
        if (kept.size() < KEPT) {
            kept.add(path.isEmpty() ? what : path + ": " + what);
        }
    }

    /**
     * A problem that a part's own check found (a spec's), given as "field: what" within the part: it is recorded
     * at the part's path joined to that field, "specs[0].optimizer.learningRate: ...".
     */
    void addWithin(String path, String problem) {
        if (FIELD_FIRST.matcher(problem).lookingAt()) {
            add("", path + "." + problem);
        } else {
            add(path, problem);
        }
    }

    /** Records a problem unless {@code value} is in [0, 1]: accuracies, probabilities, p-values. */
    void fraction(String path, double value) {
        if (!(value >= 0 && value <= 1)) {
            add(path, "expected a number in [0, 1], found " + value);
        }
    }

    /** Records a problem unless {@code value} is finite and ≥ 0: losses, seconds, distances. */
    void finiteNonNegative(String path, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            add(path, "expected a finite number >= 0, found " + value);
        }
    }

    /** Records a problem unless {@code value} is ≥ 0: counts. */
    void nonNegative(String path, long value) {
        if (value < 0) {
            add(path, "expected a count >= 0, found " + value);
        }
    }

    /** A string as a problem shows it: quoted and shortened, or null. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "'" + (s.length() <= 40 ? s : s.substring(0, 40) + "…") + "'";
    }

    /** How many problems were found so far (kept or not). */
    int found() {
        return found;
    }

    /** Throws a {@link ResultsFormatException} for {@code source} if any problem was found. */
    void throwIfAny(String source) {
        if (found > 0) {
            throw new ResultsFormatException(source, kept, found);
        }
    }

    /** The path of a field of the object at {@code path}: "runs[3]" + "test" gives "runs[3].test". */
    static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The path of an element of the array at {@code path}: "runs" + 3 gives "runs[3]". */
    static String element(String path, int index) {
        return path + "[" + index + "]";
    }
}
