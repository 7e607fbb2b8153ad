package dev.digitslab.comparison.report;

import dev.digitslab.comparison.eval.MeanInterval;
import dev.digitslab.comparison.results.StudyResults;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a sweep: test accuracy (mean over seeds, the 95% interval as error bars) against the first swept
 * field's values, one line per implementation and per combination of the other fields' values (a solid line, then
 * dashed, dotted, …), each implementation in its colour; the best point of each implementation is ringed. Numeric
 * values spread over a decade or more go on a log axis; other values stand at equal steps, labelled.
 */
final class SweepChart {
    private static final float[][] DASHES = {null, {6f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}};

    private SweepChart() {
    }

    /** @param colours each implementation's colour, as every chart of the report has it */
    static XYChart draw(String title, StudyResults study, Function<String, Color> colours) {
        List<SweepPoints.Point> points = SweepPoints.of(study);
        List<String> xValues = new ArrayList<>();
        points.forEach(p -> {
            if (!xValues.contains(p.values().get(0))) {
                xValues.add(p.values().get(0));
            }
        });
        double[] positions = positions(xValues);
        boolean numeric = positions != null;
        boolean log = numeric && logScale(positions);
        XYChart chart = new XYChartBuilder().width(760).height(440).title(title).xAxisTitle(study.sweep().get(0))
                .yAxisTitle("test accuracy (%), mean and 95% CI over seeds").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setLegendBorderColor(new Color(0xcccccc));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisLogarithmic(log);
        if (!numeric) {
            positions = new double[xValues.size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i + 1;
            }
            // Ticks at the values' positions 1..k carry their names; any tick between them stays blank.
            chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
                int i = (int) Math.round(x) - 1;
                return Math.abs(x - (i + 1)) < 1e-9 && i >= 0 && i < xValues.size() ? xValues.get(i) : "";
            });
        }
        for (String impl : SweepPoints.implementations(points)) {
            Map<String, List<SweepPoints.Point>> lines = new LinkedHashMap<>();
            for (SweepPoints.Point p : points) {
                String rest = String.join(", ", others(study, p));
                lines.computeIfAbsent(rest, k -> new ArrayList<>()).add(p);
            }
            int line = 0;
            for (Map.Entry<String, List<SweepPoints.Point>> e : lines.entrySet()) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                List<Double> error = new ArrayList<>();
                for (SweepPoints.Point p : e.getValue()) {
                    MeanInterval a = p.accuracy().get(impl);
                    if (a == null || a.n() == 0) {
                        continue; // a point where every run failed has no accuracy to draw
                    }
                    x.add(positions[xValues.indexOf(p.values().get(0))]);
                    y.add(100 * a.mean());
                    error.add(a.hasInterval() ? 100 * (a.high() - a.mean()) : 0);
                }
                if (x.isEmpty()) {
                    continue;
                }
                XYSeries s = chart.addSeries(impl + (e.getKey().isEmpty() ? "" : ", " + e.getKey()), x, y, error);
                s.setLineColor(colours.apply(impl));
                s.setMarkerColor(colours.apply(impl));
                s.setMarker(SeriesMarkers.CIRCLE);
                float[] dash = DASHES[line++ % DASHES.length];
                s.setLineStyle(dash == null ? new BasicStroke(2f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            }
            final double[] at = positions;
            SweepPoints.best(points, impl).ifPresent(best -> {
                XYSeries mark = chart.addSeries("best " + impl,
                        new double[] {at[xValues.indexOf(best.values().get(0))]},
                        new double[] {100 * best.accuracy().get(impl).mean()});
                mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                mark.setMarker(SeriesMarkers.DIAMOND);
                mark.setMarkerColor(colours.apply(impl).darker());
            });
        }
        return chart;
    }

    /** "batchSize = 32": the values of the fields after the first, which tell one line from another. */
    private static List<String> others(StudyResults study, SweepPoints.Point p) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < study.sweep().size(); i++) {
            parts.add(study.sweep().get(i) + " = " + p.values().get(i));
        }
        return parts;
    }

    /** The values as numbers, or null if one is not a number. */
    private static double[] positions(List<String> values) {
        double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            try {
                x[i] = Double.parseDouble(values.get(i));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return x;
    }

    /** Whether positive values spread over a decade or more, as learning rates and L2 coefficients do. */
    private static boolean logScale(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : x) {
            if (!(v > 0)) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max / min >= 10;
    }
}
