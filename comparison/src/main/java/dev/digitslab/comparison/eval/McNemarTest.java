package dev.digitslab.comparison.eval;

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

    /** Two-sided exact binomial p-value: 2·P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), capped at 1. */
    static double exactPValue(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return 1.0;
        }
        long k = Math.min(b, c);
        double logHalfPowN = n * Math.log(0.5);
        double tail = 0;
        for (long i = 0; i <= k; i++) {
            tail += Math.exp(logBinomial(n, i) + logHalfPowN);
        }
        return Math.min(1.0, 2 * tail);
    }

    private static double logBinomial(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(long n) {
        double sum = 0;
        for (long i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}
