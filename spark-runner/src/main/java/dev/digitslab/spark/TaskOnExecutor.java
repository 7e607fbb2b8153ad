package dev.digitslab.spark;

import dev.digitslab.comparison.run.RunTask;
import dev.digitslab.comparison.run.TaskOutcome;
import org.apache.spark.api.java.function.Function;

/** The function Spark ships to executors: runs one task there, in that JVM's {@link ExecutorJvm#context}. */
final class TaskOnExecutor implements Function<RunTask, TaskOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public TaskOutcome call(RunTask task) {
        return task.execute(ExecutorJvm.context());
    }
}
