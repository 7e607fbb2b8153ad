package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import java.io.Serializable;

/**
 * The optimiser and its hyper-parameters; each kind carries only its own. In a spec file:
 * {@code {kind: sgd, learningRate: 0.1}}, {@code {kind: momentum, learningRate: 0.1, momentum: 0.9, nesterov: true}}
 * or {@code {kind: adam, learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8}}; omitted fields other
 * than the learning rate take the defaults below. Each kind's update of a parameter θ with gradient g (the
 * mean-over-batch loss gradient plus the L2 term, see {@link ExperimentSpec#l2()}) is on its record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "kind")
@JsonTypeIdResolver(OptimizerKindResolver.class)
public sealed interface OptimizerSpec extends Serializable {

    Kind kind();

    double learningRate();

    static Sgd sgd(double learningRate) {
        return new Sgd(learningRate);
    }

    static Momentum momentum(double learningRate, double momentum, boolean nesterov) {
        return new Momentum(learningRate, momentum, nesterov);
    }

    static Adam adam(double learningRate) {
        return new Adam(learningRate, null, null, null);
    }

    /** Plain gradient descent: θ ← θ − lr·g. */
    record Sgd(double learningRate) implements OptimizerSpec {
        @Override
        public Kind kind() {
            return Kind.SGD;
        }
    }

    /**
     * Gradient descent with momentum μ (default {@value #DEFAULT_MOMENTUM}); v starts at 0.
     * <ul>
     *   <li>nesterov false (the default): v ← μ·v − lr·g; θ ← θ + v.</li>
     *   <li>nesterov true (Deeplearning4j's {@code Nesterovs} form): v' ← μ·v − lr·g;
     *       θ ← θ − μ·v + (1 + μ)·v'; v ← v'.</li>
     * </ul>
     */
    record Momentum(double learningRate, Double momentum, Boolean nesterov) implements OptimizerSpec {
        public static final double DEFAULT_MOMENTUM = 0.9;

        public Momentum {
            if (momentum == null) {
                momentum = DEFAULT_MOMENTUM;
            }
            if (nesterov == null) {
                nesterov = Boolean.FALSE;
            }
        }

        @Override
        public Kind kind() {
            return Kind.MOMENTUM;
        }
    }

    /**
     * Adam (Kingma &amp; Ba, Algorithm 1 in the efficient form of their section 2, as Deeplearning4j's
     * {@code Adam}): t ← t + 1; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
     * α_t = lr·√(1−β2^t)/(1−β1^t); θ ← θ − α_t·m/(√v + ε). m and v start at 0. Defaults β1
     * {@value #DEFAULT_BETA1}, β2 {@value #DEFAULT_BETA2}, ε {@value #DEFAULT_EPSILON}.
     */
    record Adam(double learningRate, Double beta1, Double beta2, Double epsilon) implements OptimizerSpec {
        public static final double DEFAULT_BETA1 = 0.9;
        public static final double DEFAULT_BETA2 = 0.999;
        public static final double DEFAULT_EPSILON = 1e-8;

        public Adam {
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

        @Override
        public Kind kind() {
            return Kind.ADAM;
        }
    }

    /** The spec-file name of each kind, and the record that carries its fields. */
    enum Kind implements SpecName {
        SGD(Sgd.class),
        MOMENTUM(Momentum.class),
        ADAM(Adam.class);

        private final Class<? extends OptimizerSpec> type;

        Kind(Class<? extends OptimizerSpec> type) {
            this.type = type;
        }

        Class<? extends OptimizerSpec> type() {
            return type;
        }

        @JsonCreator
        public static Kind fromId(String id) {
            return SpecName.fromId(Kind.class, id, "Kind");
        }
    }
}
