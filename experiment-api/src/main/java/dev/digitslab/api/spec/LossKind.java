package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The training loss, always the mean over the examples of a batch (never the sum).
 *
 * <ul>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: one sigmoid output p = P(label 1);
 *       loss = −[y·ln p + (1−y)·ln(1−p)].</li>
 *   <li>{@link #CATEGORICAL_CROSS_ENTROPY}: softmax outputs p_k; loss = −ln p_y.</li>
 * </ul>
 * The scratch implementation computes both from the logits (log-sum-exp), so saturated outputs never give
 * log(0). Deeplearning4j 1.0.0-M2.1 cannot: its binary cross-entropy clips p to [1e-5, 1 − 1e-5] in loss and
 * gradient, and its categorical cross-entropy clips p at 1e-10 in the loss only. The two agree wherever the
 * output is not saturated; a confidently wrong binary output scores at most about 11.5 in Deeplearning4j.
 */
public enum LossKind implements SpecName {
    BINARY_CROSS_ENTROPY,
    CATEGORICAL_CROSS_ENTROPY;

    @JsonCreator
    public static LossKind fromId(String id) {
        return SpecName.fromId(LossKind.class, id, "LossKind");
    }
}
