package dev.digitslab.api.testing;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * Counts the bytes the current thread allocates (HotSpot's per-thread counter), to prove a reader's memory
 * is bounded by its input rather than by what a header claims. The count is of all allocations, so it bounds
 * the peak from above. Shared with other modules' tests through experiment-api's test jar.
 */
public final class ThreadAllocation {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private ThreadAllocation() {
    }

    /** Skips the calling test on a JVM that cannot count allocated bytes. */
    public static void assumeSupported() {
        Assumptions.assumeTrue(THREADS != null && THREADS.isThreadAllocatedMemorySupported(),
                "this JVM cannot count the bytes a thread allocates");
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /** Bytes allocated by the current thread so far. */
    public static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t ? t : null;
    }
}
