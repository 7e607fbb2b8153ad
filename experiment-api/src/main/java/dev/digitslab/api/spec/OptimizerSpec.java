package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The optimiser and its hyper-parameters; fields a kind does not use are ignored. Per parameter θ with
 * gradient g (the mean-over-batch loss gradient plus the L2 term, see {@link ExperimentSpec#l2()}):
 *
 * <ul>
 *   <li>{@code sgd}: θ ← θ − lr·g.</li>
 *   <li>{@code momentum}, nesterov false: v ← μ·v − lr·g; θ ← θ + v (v starts at 0).</li>
 *   <li>{@code momentum}, nesterov true (Deeplearning4j's {@code Nesterovs} form):
 *       v' ← μ·v − lr·g; θ ← θ − μ·v + (1 + μ)·v'; v ← v'.</li>
 *   <li>{@code adam} (Kingma &amp; Ba, Algorithm 1 in the efficient form of their section 2, as
 *       Deeplearning4j's {@code Adam}): t ← t + 1; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 *       α_t = lr·√(1−β2^t)/(1−β1^t); θ ← θ − α_t·m/(√v + ε).</li>
 * </ul>
 */
public record OptimizerSpec(Kind kind, double learningRate, Double momentum, Boolean nesterov,
                            Double beta1, Double beta2, Double epsilon) {

    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    public OptimizerSpec {
        if (momentum == null) {
            momentum = DEFAULT_MOMENTUM;
        }
        if (nesterov == null) {
            nesterov = Boolean.FALSE;
        }
        if (beta1 == null) {
            beta1 = DEFAULT_BETA1;
        }
        if (beta2 == null) {
            beta2 = DEFAULT_BETA2;
        }
        if (epsilon == null) {
            epsilon = DEFAULT_EPSILON;
        }
    }

    public static OptimizerSpec sgd(double learningRate) {
        return new OptimizerSpec(Kind.SGD, learningRate, null, null, null, null, null);
    }

    public static OptimizerSpec momentum(double learningRate, double momentum, boolean nesterov) {
        return new OptimizerSpec(Kind.MOMENTUM, learningRate, momentum, nesterov, null, null, null);
    }

    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec(Kind.ADAM, learningRate, null, null, null, null, null);
    }

    public enum Kind {
        SGD("sgd"),
        MOMENTUM("momentum"),
        ADAM("adam");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static Kind fromId(String id) {
            return SpecNames.parse(Kind.class, values(), Kind::id, id);
        }
    }
}
