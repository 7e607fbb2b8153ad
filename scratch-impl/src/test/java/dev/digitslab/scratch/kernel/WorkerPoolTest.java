package dev.digitslab.scratch.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyUnitIsComputedExactlyOnceWhicheverThreadClaimsItsChunk() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int units : new int[] {0, 1, 2, 7, 64, 1_000, 100_003}) {
                for (int round = 0; round < 20; round++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(units);
                    pool.forEachRange(units, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            runs.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < units; i++) {
                        assertEquals(1, runs.get(i), "unit " + i + " of " + units + ", round " + round);
                    }
                }
            }
        }
    }

    @Test
    void loopsOfChangingSizeBackToBackNeitherLoseNorRepeatAChunk() {
        // A worker late from one loop once claimed a chunk past its end against the next loop's larger count,
        // and the next loop then waited forever (found with loops like these, in about 20,000).
        // Not closed on failure: close() would wait for the lock the stuck loop holds.
        WorkerPool pool = new WorkerPool(2);
        int[] runs = new int[64];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int loop = 0; loop < 200_000; loop++) {
                int units = 1 + loop % 7 * 9;
                int chunk = 1 + loop % 5;
                java.util.Arrays.fill(runs, 0);
                pool.forEachChunk(units, chunk, chunks -> {
                    do {
                        for (int i = chunks.from(); i < chunks.to(); i++) {
                            runs[i]++; // each unit is in exactly one chunk, so no two threads write one element
                        }
                    } while (chunks.next());
                });
                for (int i = 0; i < 64; i++) {
                    assertEquals(i < units ? 1 : 0, runs[i], "unit " + i + " of loop " + loop);
                }
            }
        });
        pool.close();
    }

    @Test
    void aThreadThatIsHeldUpLeavesTheRestOfTheLoopToTheOthers() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread caller = Thread.currentThread();
            AtomicInteger onCaller = new AtomicInteger();
            AtomicInteger onWorker = new AtomicInteger();
            pool.forEachChunk(8, 1, chunks -> {
                do {
                    try {
                        if (Thread.currentThread() == caller) {
                            onCaller.incrementAndGet();
                            Thread.sleep(20); // long enough for the worker to wake and claim a chunk
                        } else {
                            onWorker.incrementAndGet();
                            Thread.sleep(1_000); // as if the machine took its core away
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                } while (chunks.next());
            });
            // One range per thread would have left the held-up worker half of the loop.
            assertEquals(8, onCaller.get() + onWorker.get());
            assertTrue(onWorker.get() <= 1, "the held-up worker computed " + onWorker.get() + " of 8 chunks");
        }
    }

    @Test
    void aFailingChunkReachesTheCallerAndThePoolWorksOnAfterwards() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException failure = new IllegalStateException("chunk 5 failed");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> pool.forEachChunk(16, 1, chunks -> {
                        do {
                            if (chunks.from() == 5) {
                                throw failure;
                            }
                        } while (chunks.next());
                    }));
            assertSame(failure, thrown);
            AtomicInteger done = new AtomicInteger();
            pool.forEachRange(1_000, (from, to) -> done.addAndGet(to - from));
            assertEquals(1_000, done.get());
        }
    }

    @Test
    void chunksAreWholeMultiplesAndAboutFourPerThread() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertEquals(64, pool.chunkSize(512, 32)); // 8 chunks
            assertEquals(16, pool.chunkSize(128, 4));
            assertEquals(100, pool.chunkSize(784, 4)); // 8 chunks, the last of 84 rows
            assertEquals(32, pool.chunkSize(10, 32));  // at least one multiple
        }
    }

    @Test
    void aClosedPoolComputesEverythingOnTheCaller() {
        WorkerPool pool = new WorkerPool(4);
        pool.close();
        Thread caller = Thread.currentThread();
        AtomicInteger elsewhere = new AtomicInteger();
        pool.forEachRange(10_000, (from, to) -> {
            if (Thread.currentThread() != caller) {
                elsewhere.incrementAndGet();
            }
        });
        assertEquals(0, elsewhere.get());
    }
}
