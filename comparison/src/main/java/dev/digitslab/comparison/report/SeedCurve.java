package dev.digitslab.comparison.report;

import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.comparison.eval.SeedStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One metric per epoch over the seeds of a spec and implementation: the mean, and the sample standard deviation
 * that the chart's band shows. Epochs run up to the shortest history, so every point averages every seed.
 *
 * @param epochs the epoch numbers        // (epochs)
 * @param mean   the mean over seeds        // (epochs)
 * @param std    the standard deviation, 0 for one seed // (epochs)
 * @param seeds  how many histories were averaged
 */
record SeedCurve(double[] epochs, double[] mean, double[] std, int seeds) {

    static SeedCurve of(List<List<EpochRecord>> histories, ToDoubleFunction<EpochRecord> metric) {
        int n = histories.stream().mapToInt(List::size).min().orElse(0);
        double[] epochs = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = histories.get(0).get(i).epoch();
            double[] values = new double[histories.size()];
            for (int s = 0; s < values.length; s++) {
                values[s] = metric.applyAsDouble(histories.get(s).get(i));
            }
            SeedStatistics stats = SeedStatistics.of(values);
            mean[i] = stats.mean();
            std[i] = stats.std();
        }
        return new SeedCurve(epochs, mean, std, histories.size());
    }

    /** The band's outline: mean + std forward, then mean − std back, as one closed polygon. */
    double[][] band() {
        int n = epochs.length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = epochs[i];
            y[i] = mean[i] + std[i];
            x[2 * n - 1 - i] = epochs[i];
            y[2 * n - 1 - i] = mean[i] - std[i];
        }
        return new double[][] {x, y};
    }
}
