package dev.digitslab.comparison.results;

import static dev.digitslab.comparison.results.Problems.element;
import static dev.digitslab.comparison.results.Problems.field;

import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.comparison.eval.ClassMetrics;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks one run's test evaluation against its task, for {@link ResultsValidator}: fractions in [0, 1], a confusion
 * matrix with one row and column per class of the task whose counts sum to the test count and give the accuracy,
 * per-class supports equal to its rows; and the run's misclassified images: at most
 * {@value Misclassified#MAX_PER_RUN}, each a test image of the right digit and label, predicted wrongly, with
 * {@value Misclassified#PIXELS} grey levels in base64.
 */
final class TestSummaryValidator {
    /** How far a saved fraction may be from the same fraction recomputed from counts (both are exact doubles). */
    static final double SAME = 1e-9;

    private final Problems problems;

    TestSummaryValidator(Problems problems) {
        this.problems = problems;
    }

    /** @param task the run's task, or null if its spec is unknown (a problem reported elsewhere) */
    void validate(String at, TestSummary t, TaskSpec task) {
        if (t.count() <= 0) {
            problems.add(field(at, "count"), "expected a positive integer, found " + t.count());
        }
        problems.fraction(field(at, "accuracy"), t.accuracy());
        problems.fraction(field(at, "balancedAccuracy"), t.balancedAccuracy());
        problems.finiteNonNegative(field(at, "loss"), t.loss());
        if (t.rocAuc() != null) {
            problems.fraction(field(at, "rocAuc"), t.rocAuc());
        }
        problems.fraction(field(at, "macroF1"), t.macroF1());
        long[][] confusion = t.confusion();
        boolean consistent = confusion(field(at, "confusion"), confusion, task, t.count());
        if (consistent && t.count() > 0 && t.accuracy() >= 0 && t.accuracy() <= 1) {
            long correct = 0;
            for (int c = 0; c < confusion.length; c++) {
                correct += confusion[c][c];
            }
            double accuracy = (double) correct / t.count();
            if (Math.abs(accuracy - t.accuracy()) > SAME) {
                problems.add(field(at, "accuracy"), "expected " + accuracy + " (the confusion matrix's diagonal over "
                        + "the count), found " + t.accuracy());
            }
        }
        perClass(field(at, "perClass"), t.perClass(), consistent ? confusion : null, task);
    }

    /** Square, one row per class of the task, counts ≥ 0 summing to {@code count}; false if not. */
    private boolean confusion(String at, long[][] confusion, TaskSpec task, int count) {
        if (confusion == null) {
            problems.add(at, "expected an array of arrays of counts, found null");
            return false;
        }
        int classes = task == null ? confusion.length : task.classes();
        if (confusion.length != classes) {
            problems.add(at, "expected " + classes + " rows (the task " + task.describe() + " has " + classes
                    + " classes), found " + confusion.length);
            return false;
        }
        boolean valid = true;
        long total = 0;
        for (int r = 0; r < classes; r++) {
            long[] row = confusion[r];
            if (row == null || row.length != classes) {
                problems.add(element(at, r), "expected " + classes + " counts (one per class), found "
                        + (row == null ? "null" : row.length));
                valid = false;
                continue;
            }
            for (int c = 0; c < classes; c++) {
                if (row[c] < 0) {
                    problems.add(element(element(at, r), c), "expected a count >= 0, found " + row[c]);
                    valid = false;
                } else {
                    total = total > Long.MAX_VALUE - row[c] ? Long.MAX_VALUE : total + row[c];
                }
            }
        }
        if (valid && total != count) {
            problems.add(at, "expected counts summing to the test count " + count + ", found " + total);
            valid = false;
        }
        return valid;
    }

    /** One entry per class in class order; supports equal to the confusion matrix's rows when it is consistent. */
    private void perClass(String at, List<ClassMetrics> perClass, long[][] confusion, TaskSpec task) {
        if (perClass == null) {
            problems.add(at, "expected an array, found null");
            return;
        }
        if (task != null && perClass.size() != task.classes()) {
            problems.add(at, "expected " + task.classes() + " entries (one per class of the task " + task.describe()
                    + "), found " + perClass.size());
            return;
        }
        for (int k = 0; k < perClass.size(); k++) {
            String e = element(at, k);
            ClassMetrics m = perClass.get(k);
            if (m.label() != k) {
                problems.add(field(e, "label"), "expected " + k + " (classes in order), found " + m.label());
            }
            problems.nonNegative(field(e, "support"), m.support());
            if (confusion != null && k < confusion.length) {
                long row = 0;
                for (long c : confusion[k]) {
                    row += c;
                }
                if (m.support() != row) {
                    problems.add(field(e, "support"), "expected " + row + " (row " + k + " of the confusion matrix), "
                            + "found " + m.support());
                }
            }
            problems.fraction(field(e, "precision"), m.precision());
            problems.fraction(field(e, "recall"), m.recall());
            problems.fraction(field(e, "f1"), m.f1());
        }
    }

    void misclassified(String at, List<Misclassified> images, TestSummary test, TaskSpec task) {
        if (images == null) {
            problems.add(at, "expected an array, found null");
            return;
        }
        if (images.isEmpty()) {
            return;
        }
        if (images.size() > Misclassified.MAX_PER_RUN) {
            problems.add(at, "expected at most " + Misclassified.MAX_PER_RUN + " images, found " + images.size());
            return;
        }
        if (test == null) {
            problems.add(at, "expected none for a run without a test evaluation, found " + images.size());
            return;
        }
        for (int i = 0; i < images.size(); i++) {
            String e = element(at, i);
            Misclassified m = images.get(i);
            if (m.index() < 0 || m.index() >= test.count()) {
                problems.add(field(e, "index"), "expected a test image 0-" + (test.count() - 1) + ", found "
                        + m.index());
            }
            if (m.digit() < 0 || m.digit() > 9) {
                problems.add(field(e, "digit"), "expected a digit 0-9, found " + m.digit());
            }
            if (task != null) {
                int label = m.digit() < 0 || m.digit() > 9 ? m.label() : task.labelOf(m.digit());
                if (m.label() != label) {
                    problems.add(field(e, "label"), "expected " + label + " (the label of digit " + m.digit()
                            + " in the task " + task.describe() + "), found " + m.label());
                }
                if (m.predicted() < 0 || m.predicted() >= task.classes()) {
                    problems.add(field(e, "predicted"), "expected a class 0-" + (task.classes() - 1) + ", found "
                            + m.predicted());
                } else if (m.predicted() == m.label()) {
                    problems.add(field(e, "predicted"), "expected a class other than the label " + m.label()
                            + " (the image is a mistake), found " + m.predicted());
                }
            }
            problems.fraction(field(e, "confidence"), m.confidence());
            pixels(field(e, "pixels"), m.pixels());
        }
    }

    private void pixels(String at, String pixels) {
        if (pixels == null) {
            problems.add(at, "expected base64 grey levels, found null");
            return;
        }
        try {
            int length = Base64.getDecoder().decode(pixels).length;
            if (length != Misclassified.PIXELS) {
                problems.add(at, "expected " + Misclassified.PIXELS + " grey levels (28×28), found " + length);
            }
        } catch (IllegalArgumentException e) {
            problems.add(at, "expected base64 grey levels, found " + notBase64(pixels));
        }
    }

    /** Where base64 text goes wrong, in words (the decoder's own message gives a character code in hex). */
    private static String notBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/' || c == '=';
            if (!alphabet) {
                String shown = Character.isISOControl(c) ? String.format(Locale.ROOT, "U+%04X", (int) c) : "'" + c + "'";
                return "a character base64 does not use at position " + i + " (" + shown + ")";
            }
        }
        return "base64 text of " + text.length() + " characters whose length or padding is wrong";
    }
}
