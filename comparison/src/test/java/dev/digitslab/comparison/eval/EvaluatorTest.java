package dev.digitslab.comparison.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluatorTest {

    // Three classes, six examples; predictions (arg-max of each row): 0, 1, 1, 2, 2, 0.
    private static final float[] PROBS = {
            0.8f, 0.1f, 0.1f,
            0.2f, 0.7f, 0.1f,
            0.1f, 0.6f, 0.3f,
            0.1f, 0.2f, 0.7f,
            0.3f, 0.3f, 0.4f,
            0.5f, 0.2f, 0.3f};
    private static final int[] LABELS = {0, 0, 1, 2, 2, 2};

    @Test
    void buildsTheConfusionMatrixByHand() {
        Evaluation e = Evaluator.evaluate(PROBS, 3, LABELS);
        // true 0: predicted 0, 1; true 1: predicted 1; true 2: predicted 2, 2, 0
        assertArrayEquals(new long[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}}, e.confusion().rows());
        assertEquals(4.0 / 6, e.accuracy(), 1e-12);
    }

    @Test
    void computesPerClassPrecisionRecallAndF1ByHand() {
        Evaluation e = Evaluator.evaluate(PROBS, 3, LABELS);
        // class 0: tp 1, predicted 2, actual 2 -> P 1/2, R 1/2, F1 1/2
        assertMetrics(e.perClass().get(0), 2, 0.5, 0.5, 0.5);
        // class 1: tp 1, predicted 2, actual 1 -> P 1/2, R 1, F1 2/3
        assertMetrics(e.perClass().get(1), 1, 0.5, 1.0, 2.0 / 3);
        // class 2: tp 2, predicted 2, actual 3 -> P 1, R 2/3, F1 0.8
        assertMetrics(e.perClass().get(2), 3, 1.0, 2.0 / 3, 0.8);
        assertEquals((0.5 + 1.0 + 2.0 / 3) / 3, e.balancedAccuracy(), 1e-12);
        assertEquals((0.5 + 2.0 / 3 + 0.8) / 3, e.macroF1(), 1e-12);
        assertTrue(Double.isNaN(e.rocAuc()), "no AUC for multiclass");
    }

    @Test
    void balancedAccuracyExposesANeverPositiveClassifier() {
        int n = 100;
        float[] p = new float[n]; // P(label 1) = 0 everywhere: always predicts 0
        int[] labels = new int[n];
        for (int i = 0; i < 10; i++) {
            labels[i] = 1;
        }
        Evaluation e = Evaluator.evaluate(p, 1, labels);
        assertEquals(0.9, e.accuracy(), 1e-12);
        assertEquals(0.5, e.balancedAccuracy(), 1e-12);
        assertEquals(0.5, e.rocAuc(), 1e-12); // all scores tied
        assertEquals(0.0, e.perClass().get(1).precision());
    }

    @Test
    void aucMatchesTheHandComputedPairCount() {
        // Pairs (positive, negative): (0.35, 0.1) yes, (0.35, 0.4) no, (0.8, 0.1) yes, (0.8, 0.4) yes -> 3/4.
        assertEquals(0.75, RocAuc.of(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1}), 1e-12);
        // A tie between a positive and a negative counts one half: pairs yes, half -> 1.5/2.
        assertEquals(0.75, RocAuc.of(new float[] {0.2f, 0.5f, 0.5f}, new int[] {0, 0, 1}), 1e-12);
        assertTrue(Double.isNaN(RocAuc.of(new float[] {0.2f, 0.5f}, new int[] {1, 1})));
    }

    @Test
    void mcNemarUsesTheExactBinomialTail() {
        int[] labels = new int[12];
        int[] first = new int[12];
        int[] second = new int[12];
        for (int i = 0; i < 12; i++) {
            // 10 examples only the first gets right, 2 only the second gets right.
            first[i] = i < 10 ? 0 : 1;
            second[i] = i < 10 ? 1 : 0;
        }
        McNemarTest t = McNemarTest.of(labels, first, second);
        assertEquals(10, t.onlyFirstCorrect());
        assertEquals(2, t.onlySecondCorrect());
        // 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 * 79 / 4096
        assertEquals(158.0 / 4096, t.pValue(), 1e-12);
    }

    @Test
    void mcNemarIsOneWhenTheClassifiersNeverDisagreeOrDisagreeEvenly() {
        assertEquals(1.0, McNemarTest.exactPValue(0, 0));
        assertEquals(1.0, McNemarTest.exactPValue(5, 5));
        assertEquals(0.0625 * 2, McNemarTest.exactPValue(4, 0), 1e-12); // 2 * (1/2)^4
    }

    @Test
    void seedStatisticsUseTheSampleStandardDeviation() {
        SeedStatistics s = SeedStatistics.of(0.97, 0.98, 0.99);
        assertEquals(0.98, s.mean(), 1e-12);
        assertEquals(0.01, s.std(), 1e-12);
        assertEquals(0.0, SeedStatistics.of(0.5).std());
    }

    private static void assertMetrics(ClassMetrics m, long support, double precision, double recall, double f1) {
        assertEquals(support, m.support());
        assertEquals(precision, m.precision(), 1e-12);
        assertEquals(recall, m.recall(), 1e-12);
        assertEquals(f1, m.f1(), 1e-12);
    }
}
