package dev.digitslab.api.seed;

/**
 * The one way a run's seed becomes the seed of each random stream it needs: {@link #of(long, Purpose, long)}.
 *
 * <p>The stream seed is fmix64(seed·φ + purpose constant + index): φ = 0x9E3779B97F4A7C15 (the golden-ratio
 * increment SplitMix64 uses) spreads consecutive seeds over the 64-bit range, and MurmurHash3's 64-bit
 * finaliser fmix64, a bijection, turns neighbouring inputs into unrelated outputs. Because it is a bijection,
 * two streams coincide only if their inputs do:
 * <ul>
 *   <li>for one seed, never while indices stay below {@link #INDEX_LIMIT}: the purposes' constants lie
 *       further apart than that;</li>
 *   <li>across seeds, only for seeds that differ by an enormous amount: SeedStreamTest checks that seeds
 *       less than 2<sup>36</sup> apart with indices below 2<sup>16</sup> never share a stream.</li>
 * </ul>
 * The constants of {@link Purpose#BATCH_ORDER}, {@link Purpose#INIT}, {@link Purpose#DROPOUT} and
 * {@link Purpose#EPOCH_DROPOUT} are those the batch order, scratch-impl and framework-impl used before the
 * streams were gathered here, so their results did not change.
 */
public final class SeedStream {
    /** Indices are epochs or other small counts; below this bound one seed's streams are all distinct. */
    public static final long INDEX_LIMIT = 1L << 26;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** What a stream is for; each has its own constant (ASCII of a short name). */
    public enum Purpose {
        /** The stratified subset of the official training images (index 0). */
        SPLIT_SUBSET(0x5355425345544CL),      // "SUBSETL"
        /** The stratified validation split of the (subset of the) training images (index 0). */
        SPLIT_VALIDATION(0x56414C4944L),      // "VALID"
        /** The order an epoch visits the training split (index = epoch). */
        BATCH_ORDER(0x5348554646L),           // "SHUFF"
        /** The sample of training images scored after every epoch (index 0). */
        TRAIN_SAMPLE(0x53414D504C45L),        // "SAMPLE"
        /** Initial weights of a model built from the seed (index 0). */
        INIT(0x494E4954L),                    // "INIT"
        /** Every dropout mask of a model, from one generator created with the model (index 0). */
        DROPOUT(0x44524F50L),                 // "DROP"
        /** The dropout masks of one epoch, for a generator reseeded as each epoch starts (index = epoch). */
        EPOCH_DROPOUT(0x44524F504F5554L);     // "DROPOUT"

        private final long constant;

        Purpose(long constant) {
            this.constant = constant;
        }

        long constant() {
            return constant;
        }
    }

    private SeedStream() {
    }

    /**
     * The seed of the stream for {@code purpose} and {@code index} of the run seeded with {@code seed}.
     *
     * @throws IllegalArgumentException if index is outside 0..{@link #INDEX_LIMIT}−1
     */
    public static long of(long seed, Purpose purpose, long index) {
        if (index < 0 || index >= INDEX_LIMIT) {
            throw new IllegalArgumentException("seed stream index must be in 0.." + (INDEX_LIMIT - 1) + ", was " + index);
        }
        long z = seed * GOLDEN + purpose.constant + index;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
