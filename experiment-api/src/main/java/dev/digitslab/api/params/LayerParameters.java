package dev.digitslab.api.params;

/**
 * The parameters of one parametrised layer, in the layout both implementations export and import.
 * Arrays are owned by the record's creator; {@link ModelParameters#copy()} gives an independent copy.
 */
public sealed interface LayerParameters {

    /** Index of the layer in {@link dev.digitslab.api.spec.ExperimentSpec#network()}. */
    int layerIndex();

    /** Number of scalar parameters. */
    int size();

    LayerParameters copy();

    /**
     * A dense layer y = x·W + b.
     *
     * @param weights (nIn, nOut) row-major: weights[i * nOut + j] connects input i to output j
     * @param bias    (nOut)
     */
    record Dense(int layerIndex, int nIn, int nOut, float[] weights, float[] bias) implements LayerParameters {
        public Dense {
            if (weights.length != nIn * nOut || bias.length != nOut) {
                throw new IllegalArgumentException("dense layer " + layerIndex + ": weights " + weights.length
                        + " and bias " + bias.length + " do not match (" + nIn + ", " + nOut + ")");
            }
        }

        @Override
        public int size() {
            return weights.length + bias.length;
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
            if (gamma.length != features || beta.length != features || runningMean.length != features
                    || runningVar.length != features) {
                throw new IllegalArgumentException("batch-norm layer " + layerIndex + ": arrays do not all have "
                        + features + " entries");
            }
        }

        @Override
        public int size() {
            return 4 * features;
        }

        @Override
        public BatchNorm copy() {
            return new BatchNorm(layerIndex, features, gamma.clone(), beta.clone(), runningMean.clone(),
                    runningVar.clone());
        }
    }
}
