package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How dense-layer weights are drawn from the run's seed. Biases start at 0; batch norm starts with
 * gamma 1, beta 0, running mean 0, running variance 1. The two implementations draw from different
 * generators, so only the distribution is shared; experiments that need identical starting weights pass
 * {@link dev.digitslab.api.params.ModelParameters} explicitly.
 */
public enum InitScheme implements SpecName {
    /** Glorot normal: N(0, 2/(fanIn+fanOut)). Deeplearning4j's {@code WeightInit.XAVIER}. */
    XAVIER,
    /** Glorot uniform: U(−s, s), s = √(6/(fanIn+fanOut)). Deeplearning4j's {@code WeightInit.XAVIER_UNIFORM}. */
    XAVIER_UNIFORM,
    /** He normal: N(0, 2/fanIn). Deeplearning4j's {@code WeightInit.RELU}. */
    HE,
    /** He uniform: U(−s, s), s = √(6/fanIn). Deeplearning4j's {@code WeightInit.RELU_UNIFORM}. */
    HE_UNIFORM;

    @JsonCreator
    public static InitScheme fromId(String id) {
        return SpecName.fromId(InitScheme.class, id, "InitScheme");
    }
}
