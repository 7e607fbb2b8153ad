package dev.digitslab.comparison.run;

/**
 * A distributed engine the {@code run} command can use instead of the {@link LocalExecutor}, found with the
 * {@link java.util.ServiceLoader} so that the default application carries none of it: the {@code spark-runner}
 * module provides one for Spark master URLs ({@code local[N]}, {@code spark://…}, {@code k8s://…}).
 */
public interface ExecutorProvider {

    /** Whether this provider runs tasks on {@code master}, e.g. a Spark master URL. */
    boolean accepts(String master);

    /** Connects to {@code master}; the executor's {@link TaskExecutor#close} disconnects. */
    TaskExecutor open(String master);
}
