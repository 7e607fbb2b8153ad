package dev.digitslab.api.params;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The parameter arrays of a network, derived from its spec and input width: one entry per parametrised layer
 * (dense, batch norm) in network order; activation and dropout layers have none. Arrays are float and
 * row-major: a dense layer has weights (nIn, nOut), weights[i·nOut + j] connecting input i to output j, then
 * bias (nOut); a batch-norm layer has gamma, beta, running mean and running variance (features each).
 * {@link ModelParameters} holds values in this layout; {@link #requireMatch} checks that they have the layout
 * a spec implies, {@link #requireValidValues} that they are usable.
 *
 * @param layers the parametrised layers in network order
 */
public record ParameterLayout(List<Layer> layers) {
    private static final String RUNNING_VARIANCE = "running variance";

    public ParameterLayout {
        layers = List.copyOf(layers);
    }

    /** The layout of {@code spec}'s network when it takes {@code inputs} features per image. */
    public static ParameterLayout of(ExperimentSpec spec, int inputs) {
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        for (int i = 0; i < spec.network().size(); i++) {
            LayerSpec layer = spec.network().get(i);
            if (layer instanceof LayerSpec.Dense d) {
                layers.add(new Dense(i, width, d.units()));
                width = d.units();
            } else if (layer instanceof LayerSpec.BatchNorm) {
                layers.add(new BatchNorm(i, width));
            }
        }
        return new ParameterLayout(layers);
    }

    /** Number of scalars, including batch-norm running statistics (exact: fails rather than wraps). */
    public long size() {
        return layers.stream().mapToLong(Layer::size).reduce(0, Math::addExact);
    }

    /** Number of trainable scalars: everything except batch-norm running statistics. */
    public long trainableSize() {
        return layers.stream().mapToLong(Layer::trainableSize).reduce(0, Math::addExact);
    }

    /**
     * Checks that {@code given} has exactly this layout.
     *
     * @throws IllegalArgumentException naming both layouts and the first parametrised layer that differs
     */
    public void requireMatch(ModelParameters given) {
        ParameterLayout found = given.layout();
        if (equals(found)) {
            return;
        }
        String difference = layers.size() + " parametrised layers expected, " + found.layers.size() + " found";
        for (int k = 0; k < Math.min(layers.size(), found.layers.size()); k++) {
            if (!layers.get(k).equals(found.layers.get(k))) {
                difference = layerMismatch(k, found.layers.get(k));
                break;
            }
        }
        throw new IllegalArgumentException("expected the parameter layout " + this + ", found " + found + ": "
                + difference);
    }

    /**
     * Checks one parametrised layer, for readers that check each layer's header before reading its values.
     *
     * @param k     position among the parametrised layers
     * @param found the layer the reader found there
     * @throws IllegalArgumentException "parametrised layer k: expected …, found …"
     */
    public void requireLayer(int k, Layer found) {
        if (k >= layers.size() || !layers.get(k).equals(found)) {
            throw new IllegalArgumentException(layerMismatch(k, found));
        }
    }

    private String layerMismatch(int k, Layer found) {
        return "parametrised layer " + k + ": expected " + (k < layers.size() ? layers.get(k) : "no more layers")
                + ", found " + found;
    }

    /**
     * Checks that every value is finite and every running variance non-negative: a trained network has no
     * other values, so anything else is damage.
     *
     * @throws IllegalArgumentException naming the layer, the array and the index of the first bad value
     */
    public static void requireValidValues(ModelParameters parameters) {
        for (LayerParameters layer : parameters.layers()) {
            List<ArrayShape> shapes = layer.layout().arrays();
            for (int a = 0; a < shapes.size(); a++) {
                float[] values = layer.arrays().get(a);
                for (int i = 0; i < values.length; i++) {
                    if (!Float.isFinite(values[i])) {
                        throw new IllegalArgumentException("layer " + layer.layerIndex() + ": " + shapes.get(a).name()
                                + " [" + i + "] is " + values[i] + ", expected a finite number");
                    }
                }
            }
            if (layer instanceof LayerParameters.BatchNorm b) {
                for (int i = 0; i < b.features(); i++) {
                    if (b.runningVar()[i] < 0) {
                        throw new IllegalArgumentException("layer " + layer.layerIndex() + ": " + RUNNING_VARIANCE
                                + " [" + i + "] is " + b.runningVar()[i] + ", a variance cannot be negative");
                    }
                }
            }
        }
    }

    /** The layers' short forms, e.g. "dense[0] 784x128, batch-norm[1] 128, dense[3] 128x10". */
    @Override
    public String toString() {
        return layers.stream().map(Layer::brief).collect(Collectors.joining(", "));
    }

    /** One parametrised layer: its index in the spec's network and its arrays. */
    public sealed interface Layer {
        /** Index of the layer in {@link ExperimentSpec#network()}. */
        int layerIndex();

        /** The layer's arrays in the documented order. */
        List<ArrayShape> arrays();

        /** Short form for lists, e.g. "dense[0] 784x128" or "batch-norm[1] 128". */
        String brief();

        /** Number of scalars in all arrays. */
        default long size() {
            return arrays().stream().mapToLong(ArrayShape::count).reduce(0, Math::addExact);
        }

        /** Number of scalars the optimiser updates (all but batch-norm running statistics). */
        default long trainableSize() {
            return arrays().stream().filter(ArrayShape::trainable).mapToLong(ArrayShape::count)
                    .reduce(0, Math::addExact);
        }

        /**
         * Checks that {@code values} are this layer's arrays: as many, each of its array's length.
         *
         * @throws IllegalArgumentException naming the layer and the first array that differs
         */
        default void requireLengths(List<float[]> values) {
            List<ArrayShape> shapes = arrays();
            if (values.size() != shapes.size()) {
                throw new IllegalArgumentException(this + ": " + values.size() + " arrays, expected " + shapes.size());
            }
            for (int a = 0; a < shapes.size(); a++) {
                if (values.get(a).length != shapes.get(a).count()) {
                    throw new IllegalArgumentException(this + ": " + shapes.get(a).name() + " has "
                            + values.get(a).length + " values, expected " + shapes.get(a).count());
                }
            }
        }
    }

    /** A dense layer y = x·W + b: weights (nIn, nOut), bias (nOut). */
    public record Dense(int layerIndex, int nIn, int nOut) implements Layer {
        @Override
        public List<ArrayShape> arrays() {
            return List.of(new ArrayShape("weights", List.of(nIn, nOut), true),
                    new ArrayShape("bias", List.of(nOut), true));
        }

        @Override
        public String brief() {
            return "dense[" + layerIndex + "] " + nIn + "x" + nOut;
        }

        @Override
        public String toString() {
            return "dense layer " + layerIndex + " of shape (" + nIn + ", " + nOut + ")";
        }
    }

    /** A batch-normalisation layer: gamma, beta (trained), running mean and variance (not trained), each (features). */
    public record BatchNorm(int layerIndex, int features) implements Layer {
        @Override
        public List<ArrayShape> arrays() {
            return List.of(new ArrayShape("gamma", List.of(features), true),
                    new ArrayShape("beta", List.of(features), true),
                    new ArrayShape("running mean", List.of(features), false),
                    new ArrayShape(RUNNING_VARIANCE, List.of(features), false));
        }

        @Override
        public String brief() {
            return "batch-norm[" + layerIndex + "] " + features;
        }

        @Override
        public String toString() {
            return "batch-norm layer " + layerIndex + " of " + features + " features";
        }
    }

    /**
     * One parameter array.
     *
     * @param name      as error messages name it, e.g. "weights", "running variance"
     * @param shape     dimensions, outermost first; values are stored row-major
     * @param trainable false for statistics the optimiser does not update (batch-norm running mean and variance)
     */
    public record ArrayShape(String name, List<Integer> shape, boolean trainable) {
        public ArrayShape {
            shape = List.copyOf(shape);
        }

        /**
         * Number of values: a long, since a spec's (or a forged header's) dimensions may multiply beyond an int;
         * exact, as two int dimensions always fit a long.
         */
        public long count() {
            long n = 1;
            for (int d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }
}
