package dev.digitslab.comparison.results;

import java.io.Serializable;

/**
 * How much memory the process held while one run trained, as the run's JVM saw it. Both figures are the whole
 * process's, not the run's alone: where several runs share a JVM (the environment's {@code execution}), they include
 * the other runs'. Results written before runs recorded memory have none ({@link RunResult#memory()} null).
 *
 * @param peakHeapBytes the largest Java heap in use right after a garbage collection during the run: the live
 *                      objects (data splits, the scratch network's arrays, Deeplearning4j's Java side) plus whatever
 *                      garbage that collection left (a young collection leaves the old generation's); if no
 *                      collection ran, the heap in use when the run ended, an upper bound
 * @param peakRssBytes  the largest resident set size of the process (Linux {@code VmRSS}) sampled after each epoch
 *                      and each garbage collection during the run: heap the JVM committed plus native memory such
 *                      as ND4J's arrays and workspaces; -1 where the system does not tell
 */
public record RunMemory(long peakHeapBytes, long peakRssBytes) implements Serializable {
    /** A figure the system did not give. */
    public static final long UNKNOWN = -1;
}
