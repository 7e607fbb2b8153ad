package dev.digitslab.comparison.run;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@link RunTask}s somewhere: threads of this JVM ({@link LocalExecutor}) or a Spark cluster (the
 * {@code spark-runner} module, found through {@link ExecutorProvider}). The study runner plans tasks, submits them
 * here, and assembles studies from the outcomes in task order, whatever order they finish in.
 */
public interface TaskExecutor extends AutoCloseable {

    /** The threads each task computes with: its share of the cores of the machine that runs it. */
    int threadsPerTask();

    /** One line for reports and logs, e.g. "local, 2 runs at a time, 1 thread each". */
    String describe();

    /**
     * Starts every task. The i-th future completes with the i-th task's outcome, or exceptionally if the task could
     * not run at all (the study runner then records its runs as failed, never drops them).
     */
    List<CompletableFuture<TaskOutcome>> submit(List<RunTask> tasks);

    /** Stops what is still running and releases the executor's threads or cluster connection. */
    @Override
    void close();
}
