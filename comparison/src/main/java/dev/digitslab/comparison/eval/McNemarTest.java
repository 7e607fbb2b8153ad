package dev.digitslab.comparison.eval;

import org.apache.commons.statistics.inference.BinomialTest;

/**
 * McNemar's test on two classifiers' predictions for the same examples: do they make significantly
 * different numbers of errors? Only the discordant pairs matter: b = examples A gets right and B gets
 * wrong, c = the reverse. Under the null hypothesis b ~ Binomial(b + c, ½); the p-value is the exact
 * two-sided binomial one (no normal approximation, so it is valid for the small counts two good
 * classifiers produce).
 *
 * @param onlyFirstCorrect  b
 * @param onlySecondCorrect c
 * @param pValue            exact two-sided p-value (1 when b + c = 0)
 */
public record McNemarTest(long onlyFirstCorrect, long onlySecondCorrect, double pValue) {

    public static McNemarTest of(int[] labels, int[] first, int[] second) {
        if (labels.length != first.length || labels.length != second.length) {
            throw new IllegalArgumentException("McNemar needs equally many labels and predictions: "
                    + labels.length + ", " + first.length + ", " + second.length);
        }
        long b = 0;
        long c = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean firstRight = first[i] == labels[i];
            boolean secondRight = second[i] == labels[i];
            if (firstRight && !secondRight) {
                b++;
            } else if (secondRight && !firstRight) {
                c++;
            }
        }
        return new McNemarTest(b, c, exactPValue(b, c));
    }

    /**
     * Two-sided exact binomial p-value of b discordant pairs out of b + c under p = ½ (Commons Statistics; for
     * p = ½ this is 2·P(X ≤ min(b, c)), capped at 1).
     */
    static double exactPValue(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return 1.0;
        }
        return BinomialTest.withDefaults().test(Math.toIntExact(n), Math.toIntExact(b), 0.5).getPValue();
    }
}
