package dev.digitslab.scratch.kernel;

import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed set of daemon threads that split one range of rows between themselves and the caller.
 * A product of one batch takes tens of microseconds, too short for an executor's hand-off, so workers
 * spin briefly on a volatile counter before parking. The split is by contiguous row ranges and each
 * output row is computed by exactly one thread, so results do not depend on the thread count.
 *
 * <p>A training run owns a pool of its share of the cores ({@code ScratchModel} closes it); {@link #shared()}, of
 * {@link #defaultThreads()} threads, serves code that does not say (gradient checks, benchmarks). Worker threads
 * start on the first product that needs them, so a model that never computes in parallel never starts one.
 */
public final class WorkerPool implements AutoCloseable {
    public static final String PROPERTY = "digitslab.scratch.threads";
    /**
     * Element-wise work on at least this many floats (Adam, the L2 gradient) is split over the threads, each element
     * computed by one thread. It streams arrays through memory (Adam takes about 40 µs a step for 784-128-10's
     * 100,352 weights on one thread, while the other core waits); handing it over costs about a microsecond now that
     * workers spin between a step's products.
     */
    public static final int PARALLEL_ELEMENTS = 1 << 14;
    /**
     * How long a waiting thread spins before it parks. Longer than the serial work between two products of a
     * training step (Adam, the element-wise layers, the next batch's gather): with 50 µs the workers parked and were
     * woken on every step, and 784-128-10 trained 18% slower at batch 32 and 17% at batch 128 (interleaved runs).
     */
    private static final long SPIN_NANOS = 250_000;
    private static final WorkerPool SHARED = new WorkerPool(defaultThreads());

    /** Work on rows [from, to). */
    @FunctionalInterface
    public interface RowTask {
        void run(int from, int to);
    }

    private final Worker[] workers; // (threads − 1); the caller is the remaining thread
    private boolean started;
    private boolean closed;
    private long generation;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 thread, found " + threads);
        }
        workers = new Worker[threads - 1];
    }

    private void start() {
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
            Thread t = new Thread(workers[w], "scratch-worker-" + (w + 1));
            t.setDaemon(true); // never keeps a JVM alive
            workers[w].thread = t;
            t.start();
        }
        started = true;
    }

    /** Stops the worker threads; the pool computes on the caller's thread alone afterwards. */
    @Override
    public synchronized void close() {
        if (this == SHARED || closed) {
            return;
        }
        closed = true;
        if (started) {
            for (Worker worker : workers) {
                worker.stopped = true;
                LockSupport.unpark(worker.thread);
            }
        }
    }

    /** The pool every network shares. */
    public static WorkerPool shared() {
        return SHARED;
    }

    public int threads() {
        return workers.length + 1;
    }

    /** The threads a pool gets when nobody says: system property {@value #PROPERTY}, else the available processors. */
    public static int defaultThreads() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + PROPERTY + ": expected a positive integer, found '"
                + value + "'");
    }

    /**
     * Element-wise work over [0, n): split as {@link #forEachRange} from {@value #PARALLEL_ELEMENTS} elements, on the
     * caller's thread alone below that (where handing it over costs more than the work).
     */
    public void forEachElementRange(int n, RowTask task) {
        if (n < PARALLEL_ELEMENTS) {
            task.run(0, n);
            return;
        }
        forEachRange(n, task);
    }

    /**
     * Runs {@code task} over [0, rows) split into one contiguous range per thread, the caller taking the
     * first, and returns when all are done. One caller at a time (networks on different threads queue).
     */
    public synchronized void forEachRange(int rows, RowTask task) {
        int parts = closed ? 1 : Math.min(threads(), rows);
        if (parts <= 1) {
            task.run(0, rows);
            return;
        }
        if (!started) {
            start();
        }
        long g = ++generation;
        for (int w = 1; w < parts; w++) {
            Worker worker = workers[w - 1];
            worker.task = task;
            worker.from = (int) ((long) rows * w / parts);
            worker.to = (int) ((long) rows * (w + 1) / parts);
            worker.posted = g; // volatile write publishes task/from/to
            LockSupport.unpark(worker.thread);
        }
        task.run(0, rows / parts);
        Throwable failure = null;
        for (int w = 1; w < parts; w++) {
            Worker worker = workers[w - 1];
            long start = System.nanoTime();
            while (worker.done != g) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            worker.task = null;
            if (worker.failure != null) {
                failure = worker.failure;
                worker.failure = null;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static final class Worker implements Runnable {
        Thread thread;
        RowTask task;
        int from;
        int to;
        Throwable failure;
        volatile long posted;
        volatile long done;
        volatile boolean stopped;

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long start = System.nanoTime();
                while (posted == seen) {
                    if (stopped) {
                        return;
                    }
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this); // unpark before park leaves a permit: no lost wake-up
                    }
                }
                seen = posted;
                try {
                    task.run(from, to);
                } catch (Throwable t) {
                    failure = t;
                }
                done = seen; // volatile write publishes the rows and any failure
            }
        }
    }
}
