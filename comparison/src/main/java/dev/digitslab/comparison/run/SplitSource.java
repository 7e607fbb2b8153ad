package dev.digitslab.comparison.run;

import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.DataSpec;

/** Where a study gets its splits; {@code MnistSplits::load} in every real run. */
@FunctionalInterface
public interface SplitSource {
    Splits load(DataSpec data, long seed);
}
