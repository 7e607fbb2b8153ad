package dev.digitslab.comparison.eval;

/**
 * Mean and sample standard deviation (n − 1 in the denominator) of one metric over seeds; std is 0 for
 * a single seed.
 */
public record SeedStatistics(int n, double mean, double std) {

    public static SeedStatistics of(double... values) {
        int n = values.length;
        if (n == 0) {
            return new SeedStatistics(0, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new SeedStatistics(n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0);
    }
}
