package dev.digitslab.comparison.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.comparison.results.RunMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The probe sees the live heap at a collection while it listens, and the process's resident size. */
class MemoryProbeTest {

    @Test
    void seesTheLiveHeapOfACollectionWhileItListens() throws InterruptedException {
        long[] held;
        RunMemory memory;
        try (MemoryProbe probe = MemoryProbe.start()) {
            held = new long[16 << 20]; // 128 MiB, live across the collection
            System.gc();
            Thread.sleep(200); // collection notifications arrive on another thread
            probe.sample();
            memory = probe.memory();
        }
        assertEquals(16 << 20, held.length);
        assertTrue(memory.peakHeapBytes() >= 128L << 20, memory.toString());
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(memory.peakRssBytes() >= 128L << 20, memory.toString());
        } else {
            assertEquals(RunMemory.UNKNOWN, memory.peakRssBytes());
        }
    }
}
