package dev.digitslab.api.params;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of a network, in the one layout both implementations share: one entry per
 * parametrised layer (dense, batch norm) in network order; activation and dropout layers have none.
 * Dense weights are row-major (nIn, nOut). The flat view {@link #flatten()} concatenates, per layer,
 * dense: weights then bias; batch norm: gamma, beta, running mean, running variance.
 */
public record ModelParameters(List<LayerParameters> layers) {

    public ModelParameters {
        layers = List.copyOf(layers);
    }

    /** Total number of scalars, including batch-norm running statistics. */
    public int size() {
        return layers.stream().mapToInt(LayerParameters::size).sum();
    }

    /** Number of trainable scalars: everything except batch-norm running statistics. */
    public int trainableSize() {
        int n = 0;
        for (LayerParameters layer : layers) {
            n += layer instanceof LayerParameters.BatchNorm b ? 2 * b.features() : layer.size();
        }
        return n;
    }

    public ModelParameters copy() {
        List<LayerParameters> copies = new ArrayList<>(layers.size());
        for (LayerParameters layer : layers) {
            copies.add(layer.copy());
        }
        return new ModelParameters(copies);
    }

    /** All scalars in the documented order. */
    public float[] flatten() {
        float[] flat = new float[size()];
        int at = 0;
        for (LayerParameters layer : layers) {
            for (float[] part : parts(layer)) {
                System.arraycopy(part, 0, flat, at, part.length);
                at += part.length;
            }
        }
        return flat;
    }

    /** Largest |a − b| over all scalars; the layouts must match. */
    public double maxAbsDifference(ModelParameters other) {
        float[] a = flatten();
        float[] b = requireSameShape(other).flatten();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    /** Euclidean distance ‖a − b‖₂ over all scalars; the layouts must match. */
    public double distance(ModelParameters other) {
        float[] a = flatten();
        float[] b = requireSameShape(other).flatten();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Euclidean norm ‖a‖₂ over all scalars. */
    public double norm() {
        double sum = 0;
        for (float v : flatten()) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** A one-line description of the layout, e.g. "dense 784x128, dense 128x10". */
    public String describeShape() {
        List<String> parts = new ArrayList<>();
        for (LayerParameters layer : layers) {
            parts.add(layer instanceof LayerParameters.Dense d ? "dense[" + d.layerIndex() + "] " + d.nIn() + "x" + d.nOut()
                    : "batch-norm[" + layer.layerIndex() + "] " + ((LayerParameters.BatchNorm) layer).features());
        }
        return String.join(", ", parts);
    }

    private ModelParameters requireSameShape(ModelParameters other) {
        if (!describeShape().equals(other.describeShape())) {
            throw new IllegalArgumentException("parameter layouts differ: " + describeShape() + " vs "
                    + other.describeShape());
        }
        return other;
    }

    private static float[][] parts(LayerParameters layer) {
        if (layer instanceof LayerParameters.Dense d) {
            return new float[][] {d.weights(), d.bias()};
        }
        LayerParameters.BatchNorm b = (LayerParameters.BatchNorm) layer;
        return new float[][] {b.gamma(), b.beta(), b.runningMean(), b.runningVar()};
    }
}
