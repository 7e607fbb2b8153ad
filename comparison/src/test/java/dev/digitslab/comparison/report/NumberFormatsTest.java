package dev.digitslab.comparison.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digitslab.comparison.eval.SeedStatistics;
import org.junit.jupiter.api.Test;

class NumberFormatsTest {

    @Test
    void fractionsReadAsPercentagesWithTheirSpreadOverSeeds() {
        assertEquals("98.77%", NumberFormats.percent(0.98765));
        assertEquals("98.77%", NumberFormats.percent(SeedStatistics.of(new double[] {0.98765})));
        assertEquals("50.00 ± 0.00%", NumberFormats.percent(SeedStatistics.of(new double[] {0.5, 0.5})));
    }

    @Test
    void aMissingValueReadsAsADashWhereDigitsAreAsked() {
        assertEquals("—", NumberFormats.fixed(Double.NaN, 3));
        assertEquals("—", NumberFormats.seconds(Double.NaN));
        assertEquals("", NumberFormats.exact(Double.NaN));
        assertEquals("0.123", NumberFormats.fixed(0.12345, 3));
        assertEquals("+0.12", NumberFormats.signed(0.1234, 2));
    }

    @Test
    void smallPValuesAndLargeCountsStayReadable() {
        assertEquals("< 0.001", NumberFormats.pValue(1e-9));
        assertEquals("0.042", NumberFormats.pValue(0.0421));
        assertEquals("101,770", NumberFormats.thousands(101_770));
        assertEquals("1.23e-07", NumberFormats.scientific(1.2345e-7));
    }
}
