package dev.digitslab.comparison.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed number of threads of this JVM, {@code parallel} at a time, each computing with
 * {@code threads} threads. Concurrent runs share the JVM's data: the raw MNIST files are read once and the splits of
 * a seed are built once and shared read-only (see {@code MnistSplits}).
 */
public final class LocalExecutor implements TaskExecutor {
    /**
     * Heap a concurrent run needs at most, measured: the catalogue's multiclass and regularisation studies (full MNIST,
     * 784-512-512-10 with batch norm and dropout the biggest) ran two at a time in a 2 GiB heap. The default
     * parallelism keeps (parallel × this) within the heap.
     */
    static final long HEAP_PER_RUN = 1L << 30;

    private final RunContext context;
    private final int parallel;
    private final int threads;
    private final ExecutorService pool;

    /**
     * @param parallel runs at a time, at least 1
     * @param threads  threads each run computes with, at least 1
     */
    public LocalExecutor(RunContext context, int parallel, int threads) {
        if (parallel < 1 || threads < 1) {
            throw new IllegalArgumentException("parallel runs and threads per run must be at least 1, found "
                    + parallel + " and " + threads);
        }
        this.context = context;
        this.parallel = parallel;
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "run-" + count.incrementAndGet());
            t.setDaemon(true); // Ctrl-C ends the JVM without waiting for a run to finish
            return t;
        });
    }

    /**
     * Runs at a time when the user does not say: one per core, as long as each can have {@link #HEAP_PER_RUN} of the
     * heap, at least 1.
     */
    public static int defaultParallelism() {
        int cores = Runtime.getRuntime().availableProcessors();
        long byHeap = Runtime.getRuntime().maxMemory() / HEAP_PER_RUN;
        return (int) Math.max(1, Math.min(cores, byHeap));
    }

    /** Each run's share of the cores: cores / parallel runs, at least 1, so that the runs never oversubscribe. */
    public static int threadsFor(int parallel) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    }

    @Override
    public int threadsPerTask() {
        return threads;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "local, %d run%s at a time, %d thread%s each", parallel,
                parallel == 1 ? "" : "s", threads, threads == 1 ? "" : "s");
    }

    @Override
    public List<CompletableFuture<TaskOutcome>> submit(List<RunTask> tasks) {
        List<CompletableFuture<TaskOutcome>> futures = new ArrayList<>();
        for (RunTask task : tasks) {
            futures.add(CompletableFuture.supplyAsync(() -> task.execute(context), pool));
        }
        return futures;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
