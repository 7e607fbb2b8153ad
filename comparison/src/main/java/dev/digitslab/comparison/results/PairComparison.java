package dev.digitslab.comparison.results;

/**
 * How the two implementations' test predictions relate for one spec and seed.
 *
 * @param agreement         fraction of test images both predict the same class for
 * @param frameworkOnlyRight images only the framework model gets right (McNemar's b)
 * @param scratchOnlyRight   images only the scratch model gets right (McNemar's c)
 * @param mcNemarP          exact two-sided McNemar p-value
 */
public record PairComparison(String spec, long seed, double agreement, long frameworkOnlyRight,
                             long scratchOnlyRight, double mcNemarP) {
}
