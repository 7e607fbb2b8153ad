package dev.digitslab.api.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.Serializable;

/**
 * One layer of a network, in the order data flows through it. The input width comes from the data
 * (784 for MNIST); every other width follows from the dense layers. In a spec file a layer is written
 * with a {@code type} field:
 *
 * <pre>
 * network:
 *   - {type: dense, units: 512, activation: identity}
 *   - {type: batch-norm}
 *   - {type: activation, function: relu}
 *   - {type: dropout, rate: 0.2}
 *   - {type: dense, units: 10, activation: softmax}
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "dense"),
        @JsonSubTypes.Type(value = LayerSpec.ActivationLayer.class, name = "activation"),
        @JsonSubTypes.Type(value = LayerSpec.Dropout.class, name = "dropout"),
        @JsonSubTypes.Type(value = LayerSpec.BatchNorm.class, name = "batch-norm")
})
public sealed interface LayerSpec extends Serializable {

    /** The spec-file name of this layer type. */
    String type();

    /**
     * Fully connected layer: y = activation(x·W + b), W of shape (nIn, units), b of shape (units).
     * The last layer of every network is a dense layer whose units and activation match the task.
     */
    record Dense(int units, Activation activation) implements LayerSpec {
        public Dense {
            if (activation == null) {
                activation = Activation.IDENTITY;
            }
        }

        @Override
        public String type() {
            return "dense";
        }
    }

    /** A stand-alone non-linearity, used after batch norm (dense → batch-norm → activation). */
    record ActivationLayer(Activation function) implements LayerSpec {
        @Override
        public String type() {
            return "activation";
        }
    }

    /**
     * Inverted dropout. {@code rate} is the DROP probability p in [0, 1): in training each unit is zeroed
     * with probability p and kept units are scaled by 1/(1−p); at inference the layer is the identity.
     * (Deeplearning4j's {@code dropOut(x)} takes the RETAIN probability 1−p.)
     */
    record Dropout(double rate) implements LayerSpec {
        @Override
        public String type() {
            return "dropout";
        }
    }

    /**
     * Batch normalisation over the batch dimension, per feature.
     *
     * <p>Training: x̂ = (x − μ_B)/√(σ²_B + ε), y = γ·x̂ + β, with μ_B and σ²_B the batch mean and biased
     * (divide-by-batch) variance. Running statistics: running = decay·running + (1 − decay)·batch,
     * updated once per training batch with μ_B and σ²_B. Inference uses the running mean and variance.
     * Defaults {@value #DEFAULT_DECAY} and {@value #DEFAULT_EPSILON} are Deeplearning4j's.
     */
    record BatchNorm(Double decay, Double epsilon) implements LayerSpec {
        public static final double DEFAULT_DECAY = 0.9;
        public static final double DEFAULT_EPSILON = 1e-5;

        public BatchNorm {
            if (decay == null) {
                decay = DEFAULT_DECAY;
            }
            if (epsilon == null) {
                epsilon = DEFAULT_EPSILON;
            }
        }

        public BatchNorm() {
            this(DEFAULT_DECAY, DEFAULT_EPSILON);
        }

        @Override
        public String type() {
            return "batch-norm";
        }
    }
}
