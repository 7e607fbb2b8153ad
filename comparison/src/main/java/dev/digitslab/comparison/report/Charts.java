package dev.digitslab.comparison.report;

import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.api.train.Role;
import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.run.Implementations;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, built with XChart from saved results only. Each implementation keeps one colour across
 * every chart, chosen by its role; legends sit below the plot, where they hide no curve.
 */
final class Charts {
    private static final Color REFERENCE = new Color(0x1f77b4);
    private static final Color CANDIDATE = new Color(0xd62728);
    private static final int BAND_ALPHA = 48; // of 255: two overlapping bands stay readable
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    /** A curve drawn over one it coincides with: thin, so the one below shows around it. */
    private static final BasicStroke THIN_SOLID = new BasicStroke(1f);
    private static final BasicStroke THIN_DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {3f, 3f}, 0f);
    /** The confusion matrix's counts: at most this size, smaller when the count would not fit its cell. */
    static final float COUNT_FONT_SIZE = 16f;
    private static final float MIN_COUNT_FONT_SIZE = 6f;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final Implementations implementations;

    Charts(Implementations implementations) {
        this.implementations = implementations;
    }

    Color colour(String implementation) {
        return colour(implementations.roleOf(implementation));
    }

    private static Color colour(Role role) {
        return role == Role.REFERENCE ? REFERENCE : CANDIDATE;
    }

    /**
     * Train (dashed) and validation (solid) curves of both implementations on the same axes; with several
     * seeds, the per-epoch mean over seeds inside a band of ± one standard deviation.
     */
    XYChart learningCurve(String title, String yTitle, Map<String, List<RunResult>> runsByImpl,
                          ToDoubleFunction<EpochRecord> train, ToDoubleFunction<EpochRecord> validation) {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : runsByImpl.entrySet()) {
            List<List<EpochRecord>> histories = e.getValue().stream().map(RunResult::history)
                    .filter(h -> !h.isEmpty()).toList();
            if (histories.isEmpty()) {
                continue;
            }
            lines.add(new Line(e.getKey() + " train", SeedCurve.of(histories, train), colour(e.getKey()), false));
            lines.add(new Line(e.getKey() + " validation", SeedCurve.of(histories, validation), colour(e.getKey()),
                    true));
        }
        String fullTitle = title + seedsNote(lines);
        XYChart chart = new XYChartBuilder().width(720).height(440).title(fullTitle).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        for (Line line : lines) {
            if (line.curve().seeds() > 1) {
                band(chart, line.name() + " ± 1 std", line.curve(), line.colour());
            }
        }
        draw(chart, lines.stream().map(l -> new Styled(new CoincidingCurves.Curve(l.name(), l.curve().epochs(),
                l.curve().mean()), l.colour(), l.solid())).toList());
        linearTicks(chart, lines);
        return chart;
    }

    /** What the title adds for several seeds: " (mean of 3 seeds ± 1 std)", "over seeds" when counts differ. */
    private static String seedsNote(List<Line> lines) {
        List<Integer> seeds = lines.stream().map(l -> l.curve().seeds()).distinct().toList();
        if (seeds.stream().allMatch(n -> n <= 1)) {
            return "";
        }
        return seeds.size() == 1 ? " (mean of " + seeds.get(0) + " seeds ± 1 std)" : " (mean over seeds ± 1 std)";
    }

    /** One mean curve of a learning-curve chart. */
    private record Line(String name, SeedCurve curve, Color colour, boolean solid) {
    }

    private static void band(XYChart chart, String name, SeedCurve curve, Color colour) {
        double[][] outline = curve.band();
        XYSeries s = chart.addSeries(name, outline[0], outline[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA));
        s.setLineStyle(SeriesLines.NONE);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /** Tick labels with a leading zero and one number of decimals, for the span of the curves and bands. */
    private static void linearTicks(XYChart chart, List<Line> lines) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            SeedCurve c = line.curve();
            for (int i = 0; i < c.mean().length; i++) {
                min = Math.min(min, c.mean()[i] - c.std()[i]);
                max = Math.max(max, c.mean()[i] + c.std()[i]);
            }
        }
        chart.setCustomYAxisTickLabelsFormatter(TickLabels.linear(min, max));
    }

    /**
     * Confusion matrix as a heat map, oriented as scikit-learn and Deeplearning4j print one: a row per true
     * class, class 0 on top; a column per predicted class, class 0 on the left; every cell shows its count.
     * Classes are named as the task names them: "not 0" / "0" for 0 vs rest, the two digits for a vs b.
     */
    static HeatMapChart confusion(String title, long[][] counts, TaskSpec task) {
        int k = counts.length;
        int width = k > 2 ? 560 : 380;
        int height = k > 2 ? 520 : 340;
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0"); // no grouping: "1126" fits where "1,126" may not
        chart.getStyler().setLegendVisible(false);
        // a light darkest shade, so black counts stay readable on the diagonal
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xc6dbef), new Color(0x6baed6)});
        long largest = 0;
        for (long[] row : counts) {
            for (long c : row) {
                largest = Math.max(largest, c);
            }
        }
        chart.getStyler().setValueFont(countFont(Long.toString(largest), cellWidth(width, k), cellHeight(height, k)));
        List<String> columns = new ArrayList<>();
        List<String> rows = new ArrayList<>(); // bottom to top, as XChart draws them
        for (int c = 0; c < k; c++) {
            columns.add(task.className(c));
            rows.add(task.className(k - 1 - c));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});
            }
        }
        chart.addSeries("confusion", columns, rows, cells);
        return chart;
    }

    /**
     * The width of one cell of a {@code k}-class matrix on a chart {@code width} wide: the plot is what the
     * axis titles and labels leave (about 90 px), and XChart fills 92% of it.
     */
    static double cellWidth(int width, int k) {
        return (width - 90) * 0.92 / k;
    }

    /** As {@link #cellWidth}, for the height: the title and the x axis take about 90 px. */
    static double cellHeight(int height, int k) {
        return (height - 90) * 0.92 / k;
    }

    /** The largest font up to {@link #COUNT_FONT_SIZE} whose {@code text} fills at most 80% / 50% of the cell. */
    static Font countFont(String text, double cellWidth, double cellHeight) {
        FontRenderContext frc = new FontRenderContext(null, true, false); // as XChart measures the counts
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(COUNT_FONT_SIZE));
        while (font.getSize2D() > MIN_COUNT_FONT_SIZE && (font.getStringBounds(text, frc).getWidth() > 0.8 * cellWidth
                || font.getLineMetrics(text, frc).getAscent() > 0.5 * cellHeight)) {
            font = font.deriveFont(font.getSize2D() - 1);
        }
        return font;
    }

    /** Validation minus train loss per variant and implementation: the overfitting regularisation closes. */
    CategoryChart generalisationGap(String title, List<String> variants, Map<String, double[]> gapByImpl) {
        CategoryChart chart = new CategoryChartBuilder().width(820).height(440).title(title)
                .xAxisTitle("variant").yAxisTitle("validation loss − train loss").build();
        style(chart.getStyler());
        double min = 0; // bars start at 0
        double max = 0;
        for (Map.Entry<String, double[]> e : gapByImpl.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (double v : e.getValue()) {
                values.add(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            chart.addSeries(e.getKey(), variants, values).setFillColor(colour(e.getKey()));
        }
        chart.setCustomYAxisTickLabelsFormatter(TickLabels.linear(min, max));
        return chart;
    }

    /** Lockstep: relative parameter distance per epoch (log scale, every decade labelled as "1E-6"). */
    XYChart lockstepDistance(String title, List<LockstepEpoch> epochs) {
        String reference = implementations.reference().id();
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle("‖θ_" + reference + " − θ_" + implementations.candidate().id() + "‖ / ‖θ_" + reference + "‖")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setYAxisDecimalPattern(TickLabels.LOG_PATTERN);
        chart.getStyler().setLegendVisible(false);
        double[] x = epochs.stream().mapToDouble(LockstepEpoch::epoch).toArray();
        double[] y = epochs.stream().mapToDouble(e -> Math.max(e.relativeDistance(), 1e-12)).toArray();
        // whole decades, so both ends of the axis carry a label
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Arrays.stream(y).min().orElse(1e-12)))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(Arrays.stream(y).max().orElse(1)))));
        add(chart, "relative distance", new Styled(new CoincidingCurves.Curve("relative distance", x, y), Color.DARK_GRAY,
                true), SeriesMarkers.CIRCLE, SOLID);
        return chart;
    }

    /** Lockstep: both implementations' training and validation losses overlaid. */
    XYChart lockstepLoss(String title, List<LockstepEpoch> epochs) {
        XYChart chart = new XYChartBuilder().width(720).height(440).title(title).xAxisTitle("epoch")
                .yAxisTitle("loss").build();
        style(chart.getStyler());
        double[] x = epochs.stream().mapToDouble(LockstepEpoch::epoch).toArray();
        String reference = implementations.reference().id();
        String candidate = implementations.candidate().id();
        double[][] losses = {
                epochs.stream().mapToDouble(LockstepEpoch::referenceTrainingLoss).toArray(),
                epochs.stream().mapToDouble(LockstepEpoch::referenceValidationLoss).toArray(),
                epochs.stream().mapToDouble(LockstepEpoch::candidateTrainingLoss).toArray(),
                epochs.stream().mapToDouble(LockstepEpoch::candidateValidationLoss).toArray()};
        draw(chart, List.of(new Styled(new CoincidingCurves.Curve(reference + " training", x, losses[0]), REFERENCE, false),
                new Styled(new CoincidingCurves.Curve(reference + " validation", x, losses[1]), REFERENCE, true),
                new Styled(new CoincidingCurves.Curve(candidate + " training", x, losses[2]), CANDIDATE, false),
                new Styled(new CoincidingCurves.Curve(candidate + " validation", x, losses[3]), CANDIDATE, true)));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] curve : losses) {
            for (double v : curve) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        chart.setCustomYAxisTickLabelsFormatter(TickLabels.linear(min, max));
        return chart;
    }

    /** A curve with its colour, solid (validation) or dashed (train). */
    private record Styled(CoincidingCurves.Curve curve, Color colour, boolean solid) {
    }

    /**
     * Draws the curves with markers, in order; a curve that lies on one drawn before it is drawn last, thin and
     * without markers on top of it, and its legend entry says so on a second line. (Last, because XChart sizes
     * a one-row legend by its last entry.)
     */
    private static void draw(XYChart chart, List<Styled> curves) {
        List<CoincidingCurves.Curve> earlier = new ArrayList<>();
        List<Styled> onTop = new ArrayList<>();
        List<CoincidingCurves.Match> matches = new ArrayList<>();
        for (Styled c : curves) {
            Optional<CoincidingCurves.Match> match = CoincidingCurves.under(c.curve(), earlier);
            if (match.isPresent()) {
                onTop.add(c);
                matches.add(match.get());
            } else {
                add(chart, c.curve().name(), c, SeriesMarkers.CIRCLE, c.solid() ? SOLID : DASHED);
            }
            earlier.add(c.curve());
        }
        for (int i = 0; i < onTop.size(); i++) {
            Styled c = onTop.get(i);
            add(chart, c.curve().name() + "\n" + matches.get(i).legendNote(c.curve()), c, SeriesMarkers.NONE,
                    c.solid() ? THIN_SOLID : THIN_DASHED);
        }
    }

    private static void add(XYChart chart, String name, Styled c, Marker marker, BasicStroke stroke) {
        XYSeries s = chart.addSeries(name, c.curve().x(), c.curve().y());
        s.setLineColor(c.colour());
        s.setMarkerColor(c.colour());
        s.setMarker(marker);
        s.setLineStyle(stroke);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        if (styler instanceof AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(0xe0e0e0));
            axes.setLocale(Locale.ROOT); // tick labels read the same in every locale
        }
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setAntiAlias(true);
    }
}
