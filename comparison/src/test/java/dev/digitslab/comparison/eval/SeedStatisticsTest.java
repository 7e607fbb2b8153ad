package dev.digitslab.comparison.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The statistics over seeds against values computed by hand (closed forms of Student's t for 2 and 4 df). */
class SeedStatisticsTest {

    @Test
    void tQuantilesMatchTheTables() {
        assertEquals(12.706205, MeanInterval.tQuantile(1), 1e-6);
        assertEquals(4.302653, MeanInterval.tQuantile(2), 1e-6);
        assertEquals(2.776445, MeanInterval.tQuantile(4), 1e-6);
        assertEquals(2.262157, MeanInterval.tQuantile(9), 1e-6);
    }

    @Test
    void meanIntervalIsMeanPlusMinusTTimesStandardError() {
        // 1, 2, 4: mean 7/3, std sqrt(7/3), standard error sqrt(7)/3, t(0.975, 2) = 4.302653
        MeanInterval m = MeanInterval.of(1, 2, 4);
        assertEquals(3, m.n());
        assertEquals(7.0 / 3, m.mean(), 1e-12);
        assertEquals(Math.sqrt(7.0 / 3), m.std(), 1e-12);
        double half = 4.302653 * Math.sqrt(7) / 3;
        assertEquals(7.0 / 3 - half, m.low(), 1e-5);
        assertEquals(7.0 / 3 + half, m.high(), 1e-5);
        assertFalse(m.excludesZero());
        assertTrue(MeanInterval.of(1, 1.1, 0.9, 1.05, 0.95).excludesZero());
    }

    @Test
    void oneSeedHasNoInterval() {
        MeanInterval m = MeanInterval.of(0.98);
        assertEquals(0.98, m.mean());
        assertFalse(m.hasInterval());
        assertFalse(m.excludesZero());
        assertEquals(0, MeanInterval.of().n());
    }

    @Test
    void identicalValuesHaveAZeroWidthInterval() {
        MeanInterval m = MeanInterval.of(0.5, 0.5, 0.5);
        assertEquals(0.5, m.low());
        assertEquals(0.5, m.high());
    }

    @Test
    void pairedTTestMatchesTheClosedFormForTwoDegreesOfFreedom() {
        // differences 1, 2, 4: t = mean / (std / sqrt 3) = sqrt 7; with 2 df, p = 1 - t / sqrt(2 + t^2) = 1 - sqrt(7)/3
        PairedDifference d = PairedDifference.of(new double[] {2, 3, 5}, new double[] {1, 1, 1});
        assertEquals(Math.sqrt(7), d.tStatistic(), 1e-12);
        assertEquals(1 - Math.sqrt(7) / 3, d.pValue(), 1e-9);
        assertEquals(7.0 / 3, d.mean(), 1e-12);
        assertFalse(d.significant());
    }

    @Test
    void pairedTTestMatchesTheClosedFormForFourDegreesOfFreedom() {
        // differences 0.1, 0.2, 0.3, 0.2, 0.2: mean 0.2, std sqrt(0.005), t = 0.2 / (sqrt(0.005)/sqrt 5) = 2 sqrt 10;
        // with 4 df the two-sided p is 1 - (3/2) x + (1/2) x^3 for x = t / sqrt(4 + t^2)
        double[] first = {1.1, 1.2, 1.3, 1.2, 1.2};
        double[] second = {1, 1, 1, 1, 1};
        PairedDifference d = PairedDifference.of(first, second);
        double t = 2 * Math.sqrt(10);
        double x = t / Math.sqrt(4 + t * t);
        assertEquals(t, d.tStatistic(), 1e-9);
        assertEquals(1 - 1.5 * x + 0.5 * x * x * x, d.pValue(), 1e-9);
        assertTrue(d.significant());
        assertTrue(d.differences().excludesZero());
    }

    @Test
    void pairingUsesSeedBySeedDifferencesNotTheTwoMeans() {
        // Large seed-to-seed spread, constant small gain: only a paired test sees it.
        double[] baseline = {0.90, 0.95, 0.97, 0.92, 0.99};
        double[] variant = {0.901, 0.9512, 0.9709, 0.9211, 0.991};
        assertTrue(PairedDifference.of(variant, baseline).significant());
    }

    @Test
    void identicalDifferencesGiveADefinitePValue() {
        assertEquals(1.0, PairedDifference.of(new double[] {0.9, 0.8}, new double[] {0.9, 0.8}).pValue());
        assertEquals(0.0, PairedDifference.of(new double[] {1.0, 0.9}, new double[] {0.5, 0.4}).pValue());
        assertTrue(Double.isNaN(PairedDifference.of(new double[] {1}, new double[] {0}).pValue()));
    }

    @Test
    void unpairedInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PairedDifference.of(new double[2], new double[3]));
    }

    @Test
    void mcNemarExactPValueIsTwiceTheBinomialTail() {
        assertEquals(2.0 * (1 + 12 + 66) / 4096, McNemarTest.exactPValue(10, 2), 1e-12);
        assertEquals(2.0 * (1 + 12 + 66) / 4096, McNemarTest.exactPValue(2, 10), 1e-12);
    }

    @Test
    void welchTestMatchesAHandComputedCase() {
        // equal sizes and variances: 1, 2, 3 vs 3, 4, 5: difference -2, standard error sqrt(2/3), df 4 (Welch = pooled),
        // t = -sqrt(6); with 4 df the two-sided p is 1 - (3/2) x + (1/2) x^3 for x = |t| / sqrt(4 + t^2)
        WelchDifference w = WelchDifference.of(new double[] {1, 2, 3}, new double[] {3, 4, 5});
        double x = Math.sqrt(6) / Math.sqrt(10);
        assertEquals(-2, w.mean(), 1e-12);
        assertEquals(1 - 1.5 * x + 0.5 * x * x * x, w.pValue(), 1e-9);
        assertEquals(-2 - 2.776445 * Math.sqrt(2.0 / 3), w.low(), 1e-5);
        assertEquals(-2 + 2.776445 * Math.sqrt(2.0 / 3), w.high(), 1e-5);
        assertTrue(Double.isNaN(WelchDifference.of(new double[] {1}, new double[] {2, 3}).pValue()));
    }
}
