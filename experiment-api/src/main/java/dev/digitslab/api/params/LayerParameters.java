package dev.digitslab.api.params;

import java.util.List;

/**
 * The parameters of one parametrised layer, in the layout both implementations export and import
 * ({@link ParameterLayout}). Arrays are owned by the record's creator; {@link ModelParameters#copy()} gives an
 * independent copy.
 */
public sealed interface LayerParameters {

    /** Index of the layer in {@link dev.digitslab.api.spec.ExperimentSpec#network()}. */
    int layerIndex();

    /** This layer's entry in the parameter layout. */
    ParameterLayout.Layer layout();

    /** The values, one array for each of {@link #layout()}'s arrays, in the same order. */
    List<float[]> arrays();

    /** Number of scalar parameters (they are held in arrays, so the sum of their lengths is an int here). */
    default int size() {
        return Math.toIntExact(layout().size());
    }

    LayerParameters copy();

    /**
     * The parameters of a layer of the given layout holding {@code arrays} (not copied).
     *
     * @throws IllegalArgumentException if the arrays do not have the layout's number and lengths
     */
    static LayerParameters of(ParameterLayout.Layer layout, List<float[]> arrays) {
        layout.requireLengths(arrays);
        if (layout instanceof ParameterLayout.Dense d) {
            return new Dense(d.layerIndex(), d.nIn(), d.nOut(), arrays.get(0), arrays.get(1));
        }
        ParameterLayout.BatchNorm b = (ParameterLayout.BatchNorm) layout;
        return new BatchNorm(b.layerIndex(), b.features(), arrays.get(0), arrays.get(1), arrays.get(2), arrays.get(3));
    }

    /**
     * A dense layer y = x·W + b.
     *
     * @param weights (nIn, nOut) row-major: weights[i * nOut + j] connects input i to output j
     * @param bias    (nOut)
     */
    record Dense(int layerIndex, int nIn, int nOut, float[] weights, float[] bias) implements LayerParameters {
        public Dense {
            new ParameterLayout.Dense(layerIndex, nIn, nOut).requireLengths(List.of(weights, bias));
        }

        @Override
        public ParameterLayout.Dense layout() {
            return new ParameterLayout.Dense(layerIndex, nIn, nOut);
        }

        @Override
        public List<float[]> arrays() {
            return List.of(weights, bias);
        }

        @Override
        public Dense copy() {
            return new Dense(layerIndex, nIn, nOut, weights.clone(), bias.clone());
        }
    }

    /**
     * A batch-normalisation layer over {@code features} features.
     *
     * @param gamma       (features) scale
     * @param beta        (features) shift
     * @param runningMean (features) running mean used at inference
     * @param runningVar  (features) running variance (not standard deviation) used at inference
     */
    record BatchNorm(int layerIndex, int features, float[] gamma, float[] beta, float[] runningMean,
                     float[] runningVar) implements LayerParameters {
        public BatchNorm {
            new ParameterLayout.BatchNorm(layerIndex, features).requireLengths(List.of(gamma, beta, runningMean,
                    runningVar));
        }

        @Override
        public ParameterLayout.BatchNorm layout() {
            return new ParameterLayout.BatchNorm(layerIndex, features);
        }

        @Override
        public List<float[]> arrays() {
            return List.of(gamma, beta, runningMean, runningVar);
        }

        @Override
        public BatchNorm copy() {
            return new BatchNorm(layerIndex, features, gamma.clone(), beta.clone(), runningMean.clone(),
                    runningVar.clone());
        }
    }
}
