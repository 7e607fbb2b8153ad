package dev.digitslab.api.data;

import dev.digitslab.api.seed.SeedStream;
import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training split, derived only from (seed, epoch, size), so both
 * implementations can train on exactly the same batch sequence.
 */
public final class BatchOrder {
    private BatchOrder() {
    }

    /** A permutation of 0..size−1 for the given epoch (epochs count from 1): the {@code BATCH_ORDER} stream. */
    public static int[] permutation(long seed, int epoch, int size) {
        return permutation(seed, SeedStream.Purpose.BATCH_ORDER, epoch, size);
    }

    /**
     * A permutation of 0..size−1: Fisher–Yates driven by a {@link SplittableRandom} seeded with
     * {@link SeedStream#of}(seed, purpose, index). Stable across JDKs and machines.
     */
    public static int[] permutation(long seed, SeedStream.Purpose purpose, long index, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(SeedStream.of(seed, purpose, index));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Number of batches an epoch of {@code size} examples has at {@code batchSize} (last one may be short). */
    public static int batchCount(int size, int batchSize) {
        return (size + batchSize - 1) / batchSize;
    }
}
