package dev.digitslab.comparison.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.digitslab.api.train.EpochRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * One implementation trained on one spec with one seed.
 *
 * @param status          "ok" or "failed"
 * @param error           why it failed (null when ok)
 * @param history         per-epoch record (may be partial for a failed run)
 * @param test            test-set evaluation (null when failed)
 * @param secondsPerEpoch median of the per-epoch training seconds
 * @param parameterCount  trainable parameters
 * @param misclassified   the most confident mistakes on the test set (first seed only)
 * @param memory          the process's memory while the run trained; null in results written before runs recorded it
 */
public record RunResult(String spec, String implementation, long seed, String status, String error,
                        List<EpochRecord> history, TestSummary test, double secondsPerEpoch, int parameterCount,
                        List<Misclassified> misclassified,
                        @JsonInclude(JsonInclude.Include.NON_NULL) RunMemory memory) implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    /** A run without a memory record. */
    public RunResult(String spec, String implementation, long seed, String status, String error,
                     List<EpochRecord> history, TestSummary test, double secondsPerEpoch, int parameterCount,
                     List<Misclassified> misclassified) {
        this(spec, implementation, seed, status, error, history, test, secondsPerEpoch, parameterCount, misclassified,
                null);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /**
     * One metric of the successful runs, by seed in seed order: what the statistics over seeds pair or compare (a
     * failed run has no value).
     */
    public static Map<Long, Double> bySeed(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
        Map<Long, Double> values = new TreeMap<>();
        for (RunResult r : runs) {
            if (r.ok() && !r.history().isEmpty()) {
                values.put(r.seed(), metric.applyAsDouble(r));
            }
        }
        return values;
    }
}
