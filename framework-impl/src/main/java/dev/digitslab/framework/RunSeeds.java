package dev.digitslab.framework;

/** Seeds derived from a run's seed for ND4J's generators, one stream per use. */
final class RunSeeds {
    private RunSeeds() {
    }

    /** The dropout stream of one epoch. */
    static long dropout(long seed, int epoch) {
        // MurmurHash3's 64-bit finaliser, so neighbouring (seed, epoch) pairs give unrelated streams.
        long z = seed * 0x9E3779B97F4A7C15L + epoch + 0x44524f504f5554L;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
