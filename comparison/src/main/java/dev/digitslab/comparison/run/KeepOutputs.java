package dev.digitslab.comparison.run;

import java.io.Serializable;

/**
 * What a training run keeps beyond its result, so that the driver gets back only what it writes.
 *
 * @param mistakes the most confident test mistakes with their pixels (the report shows the first seed's)
 * @param model    the trained model file's bytes
 */
public record KeepOutputs(boolean mistakes, boolean model) implements Serializable {
    public static final KeepOutputs NOTHING = new KeepOutputs(false, false);
}
