package dev.digitslab.scratch.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed set of daemon threads that share one range of rows with the caller, cut into contiguous chunks
 * that each thread claims one at a time from a counter until none is left. A product of one batch takes tens of
 * microseconds, too short for an executor's hand-off, so workers spin briefly on a volatile counter before parking.
 * Each output row is computed by exactly one thread, whichever claims its chunk, so results do not depend on the
 * thread count or on which thread was quicker.
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
    /**
     * How long a caller that has spun {@link #SPIN_NANOS} for the last chunks of a loop sleeps between looks. Measured
     * beside busy processes (784-512-512-10, batch 128, 3 interleaved rounds): 6.2 s per epoch against 6.5 s with
     * {@code Thread.yield()}; no difference on a quiet machine, where the wait is rarely that long.
     */
    private static final long CALLER_NAP_NANOS = 20_000;
    private static final WorkerPool SHARED = new WorkerPool(defaultThreads());

    /**
     * Chunks per thread in a parallel loop: enough that a thread the machine delays leaves most of its share to the
     * others, few enough that claiming (one compare-and-set) and each chunk's start-up stay small.
     */
    static final int CHUNKS_PER_THREAD = 4;
    /** Element chunks are whole multiples of this: whole vectors and cache lines, so only the last has a tail. */
    private static final int ELEMENT_MULTIPLE = 64;
    /** Loop numbers kept in the claim word's high half; a worker would have to sleep through 2³² loops to be fooled. */
    private static final long GENERATIONS = 0xffff_ffffL;
    /** A claim word's chunk half when no chunk may be claimed. */
    private static final long NONE_LEFT = Integer.MAX_VALUE;

    /** Work on rows [from, to). */
    @FunctionalInterface
    public interface RowTask {
        void run(int from, int to);
    }

    /** A thread's part of a parallel loop: called with its first chunk claimed, it takes more with {@link Chunks#next}. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(Chunks chunks);
    }

    private final Worker[] workers; // (threads − 1); the caller is the remaining thread
    private final Chunks callerChunks = new Chunks(this);
    private boolean started;
    private boolean closed;
    private long generation;

    // The loop in progress. Written by the caller before claims publishes them; read by a thread only after it has
    // claimed a chunk of that loop, so a worker that wakes late never sees the next loop's task with its own.
    private ChunkTask sectionTask;
    private RowTask sectionRowTask; // for rowChunks, a field so that no loop allocates a task
    private final ChunkTask rowChunks = this::runRowChunks;
    private int sectionUnits;
    private int sectionChunkSize;
    private int sectionChunkCount;
    private final AtomicLong claims = new AtomicLong(); // (loop number, next chunk): high and low 32 bits
    private final AtomicInteger finished = new AtomicInteger(); // chunks done
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

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
     * Runs {@code task} over [0, rows) in chunks that the caller and the workers claim one at a time until none is
     * left, and returns when all are done. A thread taken off its core by other work on the machine then holds up at
     * most the chunk it is in, not a fixed share of the rows (with one range per thread, a 784-512-512-10 network
     * trained 1.6× slower on 2 threads than on 1 beside one busy process). Each row is in exactly one chunk, so the
     * result does not depend on which thread takes it. One caller at a time (networks on different threads queue).
     */
    public void forEachRange(int rows, RowTask task) {
        forEachRange(rows, 1, task);
    }

    private synchronized void forEachRange(int units, int multiple, RowTask task) {
        sectionRowTask = task; // published with the loop's other fields
        try {
            forEachChunk(units, chunkSize(units, multiple), rowChunks);
        } finally {
            sectionRowTask = null;
        }
    }

    private void runRowChunks(Chunks chunks) {
        RowTask task = sectionRowTask;
        do {
            task.run(chunks.from(), chunks.to());
        } while (chunks.next());
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
        forEachRange(n, ELEMENT_MULTIPLE, task);
    }

    /**
     * A chunk size for {@code units} that gives each thread about {@value #CHUNKS_PER_THREAD} chunks, in whole
     * multiples of {@code multiple} (a kernel's block), at least one multiple.
     */
    public int chunkSize(int units, int multiple) {
        long chunks = (long) threads() * CHUNKS_PER_THREAD;
        long size = (units + chunks - 1) / chunks;
        return (int) Math.max(multiple, (size + multiple - 1) / multiple * multiple);
    }

    /**
     * Cuts [0, units) into chunks of {@code chunkSize} (the last may be shorter) and runs {@code task} once on each
     * thread that claims one, the caller included; returns when every chunk is done. A task must claim before it
     * touches shared state, which is why it is only called with its first chunk already claimed: a worker that
     * wakes late, after the loop is over, then does nothing.
     */
    public synchronized void forEachChunk(int units, int chunkSize, ChunkTask task) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("a chunk needs at least 1 unit, found " + chunkSize);
        }
        int chunkCount = (int) (((long) units + chunkSize - 1) / chunkSize);
        if (chunkCount == 0) {
            return;
        }
        boolean parallel = !closed && workers.length > 0 && chunkCount > 1;
        if (parallel && !started) {
            start();
        }
        long g = ++generation;
        long loop = (g & GENERATIONS) << 32;
        // Close the previous loop before its fields change: a worker that read its claim word just before now fails
        // its compare-and-set instead of claiming a chunk past its end against this loop's larger chunk count.
        claims.set(loop | NONE_LEFT);
        sectionTask = task;
        sectionUnits = units;
        sectionChunkSize = chunkSize;
        sectionChunkCount = chunkCount;
        finished.set(0);
        failure.set(null);
        claims.set(loop); // chunk 0 of loop g: publishes the fields above
        if (parallel) {
            for (Worker worker : workers) {
                worker.posted = g;
                LockSupport.unpark(worker.thread);
            }
        }
        callerChunks.work(g);
        long start = System.nanoTime();
        while (finished.get() != chunkCount) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                // Off the core rather than yielding it: the chunk awaited is on a thread the machine has delayed,
                // and a free core is where the scheduler can run it.
                LockSupport.parkNanos(CALLER_NAP_NANOS);
            }
        }
        sectionTask = null;
        Throwable thrown = failure.getAndSet(null);
        if (thrown instanceof RuntimeException r) {
            throw r;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
    }

    /** Claims the next chunk of generation {@code g}: its index, or −1 when none is left or the loop is over. */
    private int claim(long g) {
        while (true) {
            long word = claims.get();
            int next = (int) word;
            if (word >>> 32 != (g & GENERATIONS) || next >= sectionChunkCount) {
                return -1;
            }
            if (claims.compareAndSet(word, word + 1)) {
                return next;
            }
        }
    }

    /**
     * The chunks one thread takes of a parallel loop, one at a time: {@link #from()} and {@link #to()} bound the
     * current one, {@link #next()} finishes it and claims another.
     */
    public static final class Chunks {
        private final WorkerPool pool;
        private long generation;
        private int chunk = -1;
        private int from;
        private int to;

        private Chunks(WorkerPool pool) {
            this.pool = pool;
        }

        /** First unit of the current chunk. */
        public int from() {
            return from;
        }

        /** End (exclusive) of the current chunk. */
        public int to() {
            return to;
        }

        /** Marks the current chunk done and claims the next; false when none is left. */
        public boolean next() {
            finishCurrent();
            return claimNext();
        }

        private boolean claimNext() {
            chunk = pool.claim(generation);
            if (chunk < 0) {
                return false;
            }
            from = chunk * pool.sectionChunkSize;
            to = (int) Math.min(pool.sectionUnits, (long) from + pool.sectionChunkSize);
            return true;
        }

        private void finishCurrent() {
            if (chunk >= 0) {
                chunk = -1;
                pool.finished.incrementAndGet(); // publishes the chunk's results to the caller
            }
        }

        /** This thread's part of loop {@code g}: nothing unless it claims a chunk before they run out. */
        private void work(long g) {
            generation = g;
            if (!claimNext()) {
                return;
            }
            try {
                pool.sectionTask.run(this);
            } catch (Throwable t) {
                pool.fail(t);
                finishCurrent();
                while (claimNext()) { // the loop is lost: count what is left as done so that nobody waits for it
                    finishCurrent();
                }
            } finally {
                finishCurrent();
            }
        }
    }

    private void fail(Throwable t) {
        failure.compareAndSet(null, t); // the first failure is reported
    }

    private final class Worker implements Runnable {
        final Chunks chunks = new Chunks(WorkerPool.this);
        Thread thread;
        volatile long posted;
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
                chunks.work(seen);
            }
        }
    }
}
