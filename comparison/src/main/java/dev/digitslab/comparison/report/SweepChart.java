package dev.digitslab.comparison.report;

import dev.digitslab.comparison.eval.MeanInterval;
import dev.digitslab.comparison.results.StudyResults;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of a sweep: test accuracy (mean over seeds, the 95% interval as error bars) against the first swept
 * field's values, one line per implementation and per combination of the other fields' values (a solid line, then
 * dashed, dotted, …), each implementation in its colour; the best point of each implementation is a diamond. The
 * values stand at equal steps, labelled as the spec writes them (a sweep's values are few and often a decade apart).
 */
final class SweepChart {
    private static final float[][] DASHES = {null, {6f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}};

    private SweepChart() {
    }

    /** @param colours each implementation's colour, as every chart of the report has it */
    static CategoryChart draw(String title, StudyResults study, Function<String, Color> colours) {
        List<SweepPoints.Point> points = SweepPoints.of(study);
        List<String> xValues = new ArrayList<>();
        points.forEach(p -> {
            if (!xValues.contains(p.values().get(0))) {
                xValues.add(p.values().get(0));
            }
        });
        CategoryChart chart = new CategoryChartBuilder().width(900).height(440).title(title)
                .xAxisTitle(study.sweep().get(0)).yAxisTitle("test accuracy (%), mean ± 95% CI").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setLegendBorderColor(new Color(0xcccccc));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true); // series share each value's slot, as points on one axis
        for (String impl : SweepPoints.implementations(points)) {
            Color colour = colours.apply(impl);
            Map<String, List<SweepPoints.Point>> lines = new LinkedHashMap<>();
            for (SweepPoints.Point p : points) {
                lines.computeIfAbsent(String.join(", ", others(study, p)), k -> new ArrayList<>()).add(p);
            }
            int line = 0;
            for (Map.Entry<String, List<SweepPoints.Point>> e : lines.entrySet()) {
                List<Double> y = new ArrayList<>(Collections.nCopies(xValues.size(), (Double) null));
                List<Double> error = new ArrayList<>(Collections.nCopies(xValues.size(), 0.0));
                for (SweepPoints.Point p : e.getValue()) {
                    MeanInterval a = p.accuracy().get(impl);
                    if (a != null && a.n() > 0) { // a point where every run failed has no accuracy to draw
                        int i = xValues.indexOf(p.values().get(0));
                        y.set(i, 100 * a.mean());
                        error.set(i, a.hasInterval() ? 100 * (a.high() - a.mean()) : 0.0);
                    }
                }
                if (y.stream().allMatch(v -> v == null)) {
                    continue;
                }
                CategorySeries s = chart.addSeries(impl + (e.getKey().isEmpty() ? "" : ", " + e.getKey()), xValues, y,
                        error);
                s.setLineColor(colour);
                s.setMarkerColor(colour);
                s.setFillColor(colour);
                s.setMarker(SeriesMarkers.CIRCLE);
                float[] dash = DASHES[line++ % DASHES.length];
                s.setLineStyle(dash == null ? new BasicStroke(2f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            }
            SweepPoints.best(points, impl).ifPresent(best -> {
                List<Double> y = new ArrayList<>(Collections.nCopies(xValues.size(), (Double) null));
                y.set(xValues.indexOf(best.values().get(0)), 100 * best.accuracy().get(impl).mean());
                CategorySeries mark = chart.addSeries("best " + impl, xValues, y);
                mark.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
                mark.setMarker(SeriesMarkers.DIAMOND);
                mark.setMarkerColor(colour.darker());
                mark.setFillColor(colour.darker());
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
}
