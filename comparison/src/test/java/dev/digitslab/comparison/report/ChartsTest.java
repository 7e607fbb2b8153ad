package dev.digitslab.comparison.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.run.Implementations;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.NodeList;

/** The charts as built, before any drawing: orientation, names, bands, coinciding curves; and the PNG's size. */
class ChartsTest {
    private static final Implementations IMPLEMENTATIONS = Implementations.discover();
    private static final String REFERENCE = IMPLEMENTATIONS.reference().id();
    private static final String CANDIDATE = IMPLEMENTATIONS.candidate().id();

    /** The cell of (true, predicted) in the heat map's data: {x, y, count}. */
    private static Number[] cell(HeatMapChart chart, long count) {
        for (Number[] c : chart.getHeatMapSeries().getHeatData()) {
            if (c[2].longValue() == count) {
                return c;
            }
        }
        throw new AssertionError("no cell holds " + count);
    }

    @Test
    void confusionMatrixHasTrueClassZeroOnTheTopRowAndPredictedClassZeroOnTheLeft() {
        long[][] counts = {{10, 1, 2}, {3, 20, 4}, {5, 6, 30}}; // [true][predicted], every count distinct
        HeatMapChart chart = Charts.confusion("m", counts, new TaskSpec.Multiclass());
        List<?> rows = chart.getHeatMapSeries().getYData(); // XChart draws index 0 at the bottom
        assertEquals(List.of("2", "1", "0"), rows);
        assertEquals(List.of("0", "1", "2"), chart.getHeatMapSeries().getXData());
        Number[] trueZeroPredictedTwo = cell(chart, 2);
        assertEquals(2, trueZeroPredictedTwo[0].intValue());
        assertEquals("0", rows.get(trueZeroPredictedTwo[1].intValue()));
        Number[] trueTwoPredictedZero = cell(chart, 5);
        assertEquals(0, trueTwoPredictedZero[0].intValue());
        assertEquals(0, trueTwoPredictedZero[1].intValue()); // bottom row
        assertEquals("true class", chart.getYAxisTitle());
        assertEquals("predicted class", chart.getXAxisTitle());
    }

    @Test
    void binaryMatricesNameTheirClassesAsTheTaskLabelsThem() {
        long[][] counts = {{90, 1}, {2, 9}};
        HeatMapChart rest = Charts.confusion("r", counts, new TaskSpec.DigitVsRest(0));
        assertEquals(List.of("not 0", "0"), rest.getHeatMapSeries().getXData()); // label 0 = every other digit
        assertEquals(List.of("0", "not 0"), rest.getHeatMapSeries().getYData()); // "not 0" on top
        HeatMapChart pair = Charts.confusion("p", counts, new TaskSpec.DigitVsDigit(3, 8));
        assertEquals(List.of("3", "8"), pair.getHeatMapSeries().getXData()); // label 0 = the negative digit
        assertEquals(List.of("8", "3"), pair.getHeatMapSeries().getYData());
        Number[] trueThreePredictedEight = cell(pair, 1);
        assertEquals("8", pair.getHeatMapSeries().getXData().get(trueThreePredictedEight[0].intValue()));
        assertEquals("3", pair.getHeatMapSeries().getYData().get(trueThreePredictedEight[1].intValue()));
    }

    @Test
    void countsShrinkToFitTheirCellsAndSmallOnesKeepTheFullSize() {
        double w = Charts.cellWidth(560, 10);
        double h = Charts.cellHeight(520, 10);
        FontRenderContext frc = new FontRenderContext(null, true, false);
        java.awt.Font big = Charts.countFont("100000", w, h);
        assertTrue(big.getSize2D() < Charts.COUNT_FONT_SIZE);
        assertTrue(big.getStringBounds("100000", frc).getWidth() <= 0.8 * w, "fits the cell");
        assertEquals(Charts.COUNT_FONT_SIZE, Charts.countFont("7", w, h).getSize2D());
    }

    private static RunResult run(String impl, long seed, double shift) {
        List<EpochRecord> history = List.of(new EpochRecord(1, 1, 0.5 + shift, 0.4 + shift, 0.9, 0.45 + shift, 0.88),
                new EpochRecord(2, 1, 0.3 + shift, 0.25 + shift, 0.95, 0.35 + shift, 0.9));
        return new RunResult("s", impl, seed, RunResult.OK, null, history, null, 1, 10, List.of());
    }

    private static XYChart lossCurves(Map<String, List<RunResult>> runs) {
        return new Charts(IMPLEMENTATIONS).learningCurve("s: loss", "loss", runs, EpochRecord::trainLoss,
                EpochRecord::validationLoss);
    }

    private static List<XYSeries> bands(XYChart chart) {
        return chart.getSeriesMap().values().stream()
                .filter(s -> s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.PolygonArea).toList();
    }

    @Test
    void severalSeedsDrawAMeanWithAStdBandAndOneSeedOnlyTheLine() {
        Map<String, List<RunResult>> three = new LinkedHashMap<>();
        three.put(REFERENCE, List.of(run(REFERENCE, 1, 0), run(REFERENCE, 2, 0.02), run(REFERENCE, 3, 0.04)));
        three.put(CANDIDATE, List.of(run(CANDIDATE, 1, 0.1), run(CANDIDATE, 2, 0.12), run(CANDIDATE, 3, 0.14)));
        XYChart chart = lossCurves(three);
        List<XYSeries> bands = bands(chart);
        assertEquals(4, bands.size()); // train and validation of each implementation
        bands.forEach(b -> assertFalse(b.isShowInLegend()));
        XYSeries mean = chart.getSeriesMap().get(REFERENCE + " train");
        assertEquals(0.42, mean.getYData()[0], 1e-12);
        XYSeries band = chart.getSeriesMap().get(REFERENCE + " train ± 1 std");
        assertEquals(0.42 + 0.02, band.getYData()[0], 1e-12); // upper edge at epoch 1; sample std of 0, .02, .04
        assertTrue(chart.getTitle().contains("3 seeds"));

        Map<String, List<RunResult>> one = new LinkedHashMap<>();
        one.put(REFERENCE, List.of(run(REFERENCE, 1, 0)));
        one.put(CANDIDATE, List.of(run(CANDIDATE, 1, 0.1)));
        XYChart single = lossCurves(one);
        assertTrue(bands(single).isEmpty());
        assertEquals("s: loss", single.getTitle());
    }

    @Test
    void aCurveOnAnotherIsDrawnOnTopAndSaysSoInTheLegend() {
        Map<String, List<RunResult>> same = new LinkedHashMap<>();
        same.put(REFERENCE, List.of(run(REFERENCE, 1, 0)));
        same.put(CANDIDATE, List.of(run(CANDIDATE, 1, 0)));
        List<String> names = new ArrayList<>(lossCurves(same).getSeriesMap().keySet());
        assertEquals(List.of(REFERENCE + " train", REFERENCE + " validation",
                CANDIDATE + " train\n(identical to " + REFERENCE + "'s)",
                CANDIDATE + " validation\n(identical to " + REFERENCE + "'s)"), names);

        Map<String, List<RunResult>> apart = new LinkedHashMap<>();
        apart.put(REFERENCE, List.of(run(REFERENCE, 1, 0)));
        apart.put(CANDIDATE, List.of(run(CANDIDATE, 1, 0.1)));
        lossCurves(apart).getSeriesMap().keySet().forEach(n -> assertFalse(n.contains("identical"), n));
    }

    @Test
    void curvesWithinATenthOfAPercentOfTheAxisOverlapAndFartherOnesDoNot() {
        double[] x = {1, 2, 3};
        CoincidingCurves.Curve below = new CoincidingCurves.Curve("framework training", x, new double[] {1, 0.5, 0});
        CoincidingCurves.Curve close = new CoincidingCurves.Curve("scratch training", x,
                new double[] {1, 0.5005, 0});
        CoincidingCurves.Curve apart = new CoincidingCurves.Curve("scratch training", x, new double[] {1, 0.51, 0});
        CoincidingCurves.Match match = CoincidingCurves.under(close, List.of(below)).orElseThrow();
        assertFalse(match.identical());
        assertEquals("(overlaps framework's)", match.legendNote(close));
        assertTrue(CoincidingCurves.under(apart, List.of(below)).isEmpty());
    }

    @Test
    void tickLabelsKeepTheLeadingZeroAndOneNumberOfDecimals() {
        assertEquals("0.10", TickLabels.linear(0.01, 0.13).apply(0.1));
        assertEquals("0.12", TickLabels.linear(0.01, 0.13).apply(0.12));
        assertEquals("0.9980", TickLabels.linear(0.998, 1.0).apply(0.998));
        assertEquals("2", TickLabels.linear(0, 10).apply(2.0));
        assertEquals("0.00", TickLabels.linear(-0.01, 0.12).apply(-0.0));
    }

    @Test
    void pngIsTwiceTheChartsSizeAndSays144Dpi() throws IOException {
        HeatMapChart chart = Charts.confusion("m", new long[][] {{1, 2}, {3, 4}}, new TaskSpec.DigitVsRest(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HighDensityPng.write(chart, bytes);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(2 * chart.getWidth(), reader.getWidth(0));
            assertEquals(2 * chart.getHeight(), reader.getHeight(0));
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            NodeList phys = root.getElementsByTagName("pHYs");
            assertEquals("5669", ((IIOMetadataNode) phys.item(0)).getAttribute("pixelsPerUnitXAxis")); // 144 dpi
        }
        assertEquals(chart.getWidth(), HighDensityPng.displayWidth(bytes.toByteArray()), "shown at 1x");
    }

    @Test
    void thePageShowsA2xPngAtItsNominalWidth() throws IOException {
        HeatMapChart chart = Charts.confusion("m", new long[][] {{1, 2}, {3, 4}}, new TaskSpec.DigitVsRest(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HighDensityPng.write(chart, bytes);
        String markdown = "![m](data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray()) + ")";
        String html = new HtmlFragments(Map.of()).render(Parser.builder().build().parse(markdown));
        assertTrue(html.contains("width=\"" + chart.getWidth() + "\""), html.substring(0, 60));
    }

    @Test
    void aPngWithoutTheDensityIsShownAtItsPixelWidth() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new java.awt.image.BufferedImage(30, 20, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                bytes);
        assertEquals(30, HighDensityPng.displayWidth(bytes.toByteArray()));
    }
}
