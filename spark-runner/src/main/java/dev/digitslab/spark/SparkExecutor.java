package dev.digitslab.spark;

import dev.digitslab.comparison.run.RunTask;
import dev.digitslab.comparison.run.TaskExecutor;
import dev.digitslab.comparison.run.TaskOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on Apache Spark: each task is a one-partition job of its own, submitted asynchronously, so that Spark
 * schedules as many at once as its executors have cores for ({@code spark.task.cpus} each), a task that fails is
 * retried by Spark ({@code spark.task.maxFailures}; a lost executor's tasks always are) and then fails alone, and its
 * outcome comes back to the driver as soon as it is done. Each task computes with {@code spark.task.cpus} threads.
 */
final class SparkExecutor implements TaskExecutor {
    private static final Logger log = LoggerFactory.getLogger(SparkExecutor.class);

    private final JavaSparkContext spark;
    private final int threads;
    /** Waits on Spark's futures, one thread per running job, so that outcomes arrive as CompletableFutures. */
    private final ExecutorService waiting = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "spark-job-wait");
        t.setDaemon(true);
        return t;
    });

    SparkExecutor(SparkConf conf) {
        this.threads = SparkSettings.taskCpus(conf);
        this.spark = new JavaSparkContext(conf);
        log.info("Spark {} at {}, {} thread(s) per task", spark.version(), spark.master(), threads);
    }

    @Override
    public int threadsPerTask() {
        return threads;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Spark %s on %s, %d thread%s per task", spark.version(), spark.master(),
                threads, threads == 1 ? "" : "s");
    }

    @Override
    public List<CompletableFuture<TaskOutcome>> submit(List<RunTask> tasks) {
        List<CompletableFuture<TaskOutcome>> outcomes = new ArrayList<>();
        for (RunTask task : tasks) {
            spark.setJobDescription(task.label());
            JavaFutureAction<List<TaskOutcome>> job = spark.parallelize(List.of(task), 1).map(new TaskOnExecutor())
                    .collectAsync();
            CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
            waiting.execute(() -> await(job, outcome));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * Completes {@code outcome} with the job's result, or exceptionally with Spark's reason once Spark gave up on the
     * task. A job cut short because the context stopped (Ctrl-C runs Spark's shutdown hook, which stops it) gets no
     * outcome at all: the driver is ending, and must not take the cancelled runs for failed ones and write a report
     * over the previous one.
     */
    private void await(JavaFutureAction<List<TaskOutcome>> job, CompletableFuture<TaskOutcome> outcome) {
        try {
            outcome.complete(job.get().get(0));
        } catch (ExecutionException e) {
            if (!spark.sc().isStopped()) {
                outcome.completeExceptionally(new IllegalStateException(
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close(): nobody waits for this outcome any more
        }
    }

    /** Cancels what still runs (Ctrl-C, an error) and disconnects from the cluster. */
    @Override
    public void close() {
        spark.cancelAllJobs();
        spark.stop();
        waiting.shutdownNow();
    }
}
