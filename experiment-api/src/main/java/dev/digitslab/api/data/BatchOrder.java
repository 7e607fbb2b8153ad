package dev.digitslab.api.data;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training split, derived only from (seed, epoch, size), so both
 * implementations can train on exactly the same batch sequence.
 */
public final class BatchOrder {
    private BatchOrder() {
    }

    /**
     * A permutation of 0..size−1 for the given epoch (epochs count from 1): Fisher–Yates driven by a
     * {@link SplittableRandom} seeded from seed and epoch. Stable across JDKs and machines.
     */
    public static int[] permutation(long seed, int epoch, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch));
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

    private static long mix(long seed, int epoch) {
        // Different (seed, epoch) pairs must not collide into the same stream: mix both through a
        // 64-bit finaliser (MurmurHash3's fmix64) with a constant that separates shuffling from other uses.
        long z = seed * 0x9E3779B97F4A7C15L + epoch + 0x5348554646L;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
