package dev.digitslab.comparison.bench;

import java.util.List;

/**
 * One child's run: a contestant training a workload once.
 *
 * @param round        from 1
 * @param workload     the workload's name
 * @param contestant   the column it belongs to ("PyTorch", "scratch", …)
 * @param epochSeconds wall time of each epoch's training pass, epoch 1 first (empty when it failed)
 * @param testAccuracy after the last epoch, a check that it learned (null when unknown)
 * @param peakRssMib   the child's peak resident memory in MiB (null where unknown)
 * @param error        why it failed (null when it did not)
 */
public record Measurement(int round, String workload, String contestant, List<Double> epochSeconds,
                          Double testAccuracy, Double peakRssMib, String error) {
    public Measurement {
        epochSeconds = List.copyOf(epochSeconds);
    }

    public boolean ok() {
        return error == null;
    }

    /**
     * The epochs a median is taken over: all but epoch 1, which carries each contestant's warm-up (JIT compilation,
     * first allocations), when there are at least two; else epoch 1.
     */
    public List<Double> timedEpochs() {
        return epochSeconds.size() >= 2 ? epochSeconds.subList(1, epochSeconds.size()) : epochSeconds;
    }
}
