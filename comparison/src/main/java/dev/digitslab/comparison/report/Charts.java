package dev.digitslab.comparison.report;

import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.api.train.Role;
import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.run.Implementations;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, built with XChart from saved results only. Each implementation keeps one colour across
 * every chart, chosen by its role.
 */
final class Charts {
    private static final Color REFERENCE = new Color(0x1f77b4);
    private static final Color CANDIDATE = new Color(0xd62728);
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

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
     * seeds, the per-epoch mean over seeds.
     */
    XYChart learningCurve(String title, String yTitle, Map<String, List<RunResult>> runsByImpl,
                                        ToDoubleFunction<EpochRecord> train, ToDoubleFunction<EpochRecord> validation) {
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Map.Entry<String, List<RunResult>> e : runsByImpl.entrySet()) {
            List<List<EpochRecord>> histories = e.getValue().stream().map(RunResult::history)
                    .filter(h -> !h.isEmpty()).toList();
            if (histories.isEmpty()) {
                continue;
            }
            double[] epochs = epochs(histories);
            add(chart, e.getKey() + " train", epochs, meanOver(histories, train, epochs.length), colour(e.getKey()), DASHED);
            add(chart, e.getKey() + " validation", epochs, meanOver(histories, validation, epochs.length),
                    colour(e.getKey()), SOLID);
        }
        return chart;
    }

    /** Confusion matrix as a heat map: rows true class (y), columns predicted class (x), counts shown. */
    static HeatMapChart confusion(String title, long[][] counts) {
        int k = counts.length;
        HeatMapChart chart = new HeatMapChartBuilder().width(k > 2 ? 560 : 360).height(k > 2 ? 500 : 320)
                .title(title).xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08519c)});
        int[] classes = new int[k];
        for (int i = 0; i < k; i++) {
            classes[i] = i;
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, t, counts[t][p]});
            }
        }
        List<Integer> axis = new ArrayList<>();
        for (int c : classes) {
            axis.add(c);
        }
        chart.addSeries("confusion", axis, axis, cells);
        return chart;
    }

    /** Validation minus train loss per variant and implementation: the overfitting regularisation closes. */
    CategoryChart generalisationGap(String title, List<String> variants,
                                                  Map<String, double[]> gapByImpl) {
        CategoryChart chart = new CategoryChartBuilder().width(820).height(420).title(title)
                .xAxisTitle("variant").yAxisTitle("validation loss − train loss").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Map.Entry<String, double[]> e : gapByImpl.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (double v : e.getValue()) {
                values.add(v);
            }
            chart.addSeries(e.getKey(), variants, values).setFillColor(colour(e.getKey()));
        }
        return chart;
    }

    /** Lockstep: relative parameter distance per epoch (log scale). */
    XYChart lockstepDistance(String title, List<LockstepEpoch> epochs) {
        String reference = implementations.reference().id();
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle("‖θ_" + reference + " − θ_" + implementations.candidate().id() + "‖ / ‖θ_" + reference + "‖")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(false);
        double[] x = epochs.stream().mapToDouble(LockstepEpoch::epoch).toArray();
        double[] y = epochs.stream().mapToDouble(e -> Math.max(e.relativeDistance(), 1e-12)).toArray();
        add(chart, "relative distance", x, y, Color.DARK_GRAY, SOLID);
        return chart;
    }

    /** Lockstep: both implementations' training and validation losses overlaid. */
    XYChart lockstepLoss(String title, List<LockstepEpoch> epochs) {
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle("loss").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        double[] x = epochs.stream().mapToDouble(LockstepEpoch::epoch).toArray();
        String reference = implementations.reference().id();
        String candidate = implementations.candidate().id();
        add(chart, reference + " training", x,
                epochs.stream().mapToDouble(LockstepEpoch::referenceTrainingLoss).toArray(), REFERENCE, DASHED);
        add(chart, reference + " validation", x,
                epochs.stream().mapToDouble(LockstepEpoch::referenceValidationLoss).toArray(), REFERENCE, SOLID);
        add(chart, candidate + " training", x,
                epochs.stream().mapToDouble(LockstepEpoch::candidateTrainingLoss).toArray(), CANDIDATE, DASHED);
        add(chart, candidate + " validation", x,
                epochs.stream().mapToDouble(LockstepEpoch::candidateValidationLoss).toArray(), CANDIDATE, SOLID);
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color colour, BasicStroke stroke) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(0xe0e0e0));
        }
        styler.setLegendBorderColor(new Color(0xcccccc));
        styler.setAntiAlias(true);
    }

    private static double[] epochs(List<List<EpochRecord>> histories) {
        int n = histories.stream().mapToInt(List::size).min().orElse(0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = histories.get(0).get(i).epoch();
        }
        return x;
    }

    private static double[] meanOver(List<List<EpochRecord>> histories, ToDoubleFunction<EpochRecord> metric, int n) {
        double[] y = new double[n];
        for (List<EpochRecord> h : histories) {
            for (int i = 0; i < n; i++) {
                y[i] += metric.applyAsDouble(h.get(i)) / histories.size();
            }
        }
        return y;
    }
}
