package dev.digitslab.api.train;

import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.stats.Median;
import java.util.List;

/**
 * Everything one training run returns.
 *
 * @param trainerId          which implementation trained it
 * @param seed               the run's seed
 * @param history            one record per epoch
 * @param testProbabilities  (test count, outputs) probabilities on the test split after the last epoch
 * @param parameters         the trained parameters in the shared layout
 */
public record TrainingResult(String trainerId, long seed, List<EpochRecord> history, float[] testProbabilities,
                             ModelParameters parameters) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    public EpochRecord last() {
        return history.get(history.size() - 1);
    }

    /** Median of the per-epoch training seconds (robust against a noisy machine). */
    public double medianEpochSeconds() {
        return Median.of(history.stream().mapToDouble(EpochRecord::seconds).toArray());
    }
}
