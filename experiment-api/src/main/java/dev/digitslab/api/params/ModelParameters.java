package dev.digitslab.api.params;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of a network, in the one layout both implementations share ({@link ParameterLayout}): one
 * entry per parametrised layer in network order. The flat view {@link #flatten()} concatenates every layer's
 * arrays in the layout's order: dense weights then bias; batch-norm gamma, beta, running mean, running variance.
 */
public record ModelParameters(List<LayerParameters> layers) {

    public ModelParameters {
        layers = List.copyOf(layers);
    }

    /** The layout these parameters have. */
    public ParameterLayout layout() {
        return new ParameterLayout(layers.stream().map(LayerParameters::layout).toList());
    }

    /**
     * Total number of scalars, including batch-norm running statistics.
     *
     * @throws ArithmeticException if they are more than an int counts (then {@link #flatten} cannot hold them
     *                             either; {@link #layout()} counts them in long)
     */
    public int size() {
        return Math.toIntExact(layout().size());
    }

    /** Number of trainable scalars: everything except batch-norm running statistics (exact, as {@link #size()}). */
    public int trainableSize() {
        return Math.toIntExact(layout().trainableSize());
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
            for (float[] part : layer.arrays()) {
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

    private ModelParameters requireSameShape(ModelParameters other) {
        if (!layout().equals(other.layout())) {
            throw new IllegalArgumentException("parameter layouts differ: " + layout() + " vs " + other.layout());
        }
        return other;
    }
}
