package dev.digitslab.comparison.run;

import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.TransferResult;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RunTask} returns to the driver, serialisable so that it can come back from another machine.
 *
 * @param runs        one per training run the task made, in the order it made them
 * @param predictions the test predictions of its successful runs (comparison tasks), for the pair statistics
 * @param transfers   weight-transfer tasks only
 * @param lockstep    lockstep tasks only, one per epoch
 * @param models      trained model files, when the task was asked to keep them
 * @param environment the facts of the JVM and machine that ran it (JDK, CPU, versions, threads)
 */
public record TaskOutcome(List<RunResult> runs, List<TestPredictions> predictions, List<TransferResult> transfers,
                          List<LockstepEpoch> lockstep, List<SavedModel> models, Map<String, String> environment)
        implements Serializable {
    public TaskOutcome {
        runs = List.copyOf(runs);
        predictions = List.copyOf(predictions);
        transfers = List.copyOf(transfers);
        lockstep = List.copyOf(lockstep);
        models = List.copyOf(models);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment)); // keeps the order
    }

    /** Failed runs only: a task that could not run. */
    static TaskOutcome failedRuns(List<RunResult> runs) {
        return new TaskOutcome(runs, List.of(), List.of(), List.of(), List.of(), Map.of());
    }
}
