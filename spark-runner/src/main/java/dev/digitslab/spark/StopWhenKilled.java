package dev.digitslab.spark;

import dev.digitslab.api.train.TrainingListener;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;

/**
 * Ends a run between two batches once Spark has killed its task (the job was cancelled: Ctrl-C on the driver, a
 * speculative copy that lost): a training loop that never looks would keep the executor's core busy until the run
 * ends on its own.
 */
final class StopWhenKilled implements TrainingListener {
    static final StopWhenKilled INSTANCE = new StopWhenKilled();

    private StopWhenKilled() {
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double batchLoss) {
        TaskContext task = TaskContext.get();
        if (task != null && task.isInterrupted()) {
            throw new TaskKilledException(task.getKillReason().getOrElse(() -> "the task was killed"));
        }
    }
}
