package dev.digitslab.comparison.run;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.digitslab.comparison.results.RunMemory;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the process's memory while one run trains, for its {@link RunMemory}: the heap in use after every garbage
 * collection (from the JVM's collection notifications, so the peak of the live heap is seen whenever it happens) and
 * the resident set size ({@code VmRSS} of {@code /proc/self/status}) after every collection and every epoch
 * ({@link #sample}). Costs nothing between collections and epochs. Start it when the run starts, close it when it
 * ends.
 */
final class MemoryProbe implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakHeapAfterGc = new AtomicLong(0);
    private final AtomicLong peakRss = new AtomicLong(RunMemory.UNKNOWN);
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;

    private MemoryProbe() {
    }

    /** A probe listening from now until {@link #close}. */
    static MemoryProbe start() {
        MemoryProbe probe = new MemoryProbe();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(probe.listener, null, null);
                probe.emitters.add(emitter);
            }
        }
        probe.sample();
        return probe;
    }

    /** Reads the resident set size now (after an epoch). */
    void sample() {
        long rss = residentBytes();
        if (rss > 0) {
            peakRss.accumulateAndGet(rss, Math::max);
        }
    }

    /** The peaks seen so far; the heap in use now stands in for the live heap if no collection ran. */
    RunMemory memory() {
        sample();
        long heap = peakHeapAfterGc.get();
        if (heap == 0) {
            heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return new RunMemory(heap, peakRss.get());
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // never added: nothing to remove
            }
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peakHeapAfterGc.accumulateAndGet(used, Math::max);
        sample();
    }

    /** The process's resident set size in bytes, or -1 where {@code /proc} does not tell (not Linux). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // "VmRSS:   123456 kB"
                }
            }
        } catch (IOException | RuntimeException e) {
            return RunMemory.UNKNOWN;
        }
        return RunMemory.UNKNOWN;
    }
}
