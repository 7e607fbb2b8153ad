package dev.digitslab.comparison.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds a curve that would be drawn exactly over an earlier one, so the chart can say so instead of hiding the
 * earlier curve: lockstep runs, or both implementations at 100% validation accuracy, give such pairs.
 */
final class CoincidingCurves {
    /** Closer than this fraction of the axis range, two curves are one line on the chart (under half a pixel). */
    static final double TOLERANCE = 1e-3;

    private CoincidingCurves() {
    }

    /** A curve as drawn. */
    record Curve(String name, double[] x, double[] y) {
    }

    /** The earlier curve {@code later} lies on, and whether every point is equal, not only close. */
    record Match(Curve under, boolean identical) {
        /**
         * What the later curve's legend entry adds: "(identical to framework's)" for "scratch train" on
         * "framework train", the whole name of the curve below when the two measure different things.
         */
        String legendNote(Curve later) {
            String[] below = under.name().split(" ", 2);
            String[] above = later.name().split(" ", 2);
            String what = below.length == 2 && above.length == 2 && below[1].equals(above[1]) ? below[0] + "'s"
                    : under.name();
            return "(" + (identical ? "identical to " : "overlaps ") + what + ")";
        }
    }

    /** The first of {@code earlier} that {@code later} would hide, if any. */
    static Optional<Match> under(Curve later, List<Curve> earlier) {
        double range = range(later, earlier);
        for (Curve e : earlier) {
            if (!Arrays.equals(e.x(), later.x())) {
                continue;
            }
            if (Arrays.equals(e.y(), later.y())) {
                return Optional.of(new Match(e, true));
            }
            if (maxDifference(e.y(), later.y()) <= TOLERANCE * range) {
                return Optional.of(new Match(e, false));
            }
        }
        return Optional.empty();
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** The span of every curve's values: what the chart's axis shows. */
    private static double range(Curve later, List<Curve> earlier) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Curve c : earlier) {
            for (double v : c.y()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (double v : later.y()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }
}
