package dev.digitslab.scratch.nn;

import dev.digitslab.api.params.LayerParameters;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.scratch.kernel.MatrixProducts;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The layers a spec describes, in order, with the loss on top. Each dense layer becomes a
 * {@link DenseLayer} followed by an {@link ActivationLayer} (none for identity); the output layer's
 * sigmoid/softmax is fused into the {@link Loss}, so the network's forward output is the logits.
 *
 * <p>The objective is J = mean loss + (λ/2)·Σ w² over dense weights; {@link #computeGradients} leaves ∂J in
 * every parameter's gradient.
 */
public final class Network {
    private static final long INIT_STREAM = 0x494E4954L;    // "INIT"
    private static final long DROPOUT_STREAM = 0x44524F50L; // "DROP"

    private final List<Layer> layers = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final Loss loss;
    private final double l2;
    private final int inputs;
    private final int outputs;
    private final int capacity;
    private final int firstTrainable;   // index in layers of the first layer with parameters
    private final Tensor dLogits;       // (batch, outputs)
    private final Tensor probabilities; // (batch, outputs)

    /**
     * @param capacity the largest batch this network will see
     * @param seed     fixes the initial weights (when not imported afterwards) and the dropout masks
     */
    public Network(ExperimentSpec spec, int inputs, int capacity, Precision precision, MatrixProducts products,
                   long seed) {
        this.loss = Loss.of(spec.loss());
        this.l2 = spec.l2();
        this.inputs = inputs;
        this.capacity = capacity;
        SplittableRandom initRandom = new SplittableRandom(mix(seed, INIT_STREAM));
        SplittableRandom dropoutRandom = new SplittableRandom(mix(seed, DROPOUT_STREAM));
        List<LayerSpec> specs = spec.network();
        int width = inputs;
        int first = -1;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec layer = specs.get(i);
            boolean last = i == specs.size() - 1;
            if (layer instanceof LayerSpec.Dense d) {
                DenseLayer dense = new DenseLayer(i, width, d.units(), capacity, precision, products, first >= 0);
                WeightInitializer.initialise(spec.init(), dense.weights().value(), initRandom);
                first = first >= 0 ? first : layers.size();
                layers.add(dense);
                width = d.units();
                if (!last && d.activation() != Activation.IDENTITY) {
                    layers.add(new ActivationLayer(d.activation(), width, capacity, precision));
                }
            } else if (layer instanceof LayerSpec.ActivationLayer a) {
                layers.add(new ActivationLayer(a.function(), width, capacity, precision));
            } else if (layer instanceof LayerSpec.Dropout d) {
                layers.add(new DropoutLayer(d.rate(), width, capacity, precision, dropoutRandom));
            } else if (layer instanceof LayerSpec.BatchNorm b) {
                first = first >= 0 ? first : layers.size();
                layers.add(new BatchNormLayer(i, width, b.decay(), b.epsilon(), capacity, precision));
            }
        }
        if (!(specs.get(specs.size() - 1) instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("spec " + spec.name() + ": the last layer must be dense");
        }
        this.firstTrainable = first;
        this.outputs = width;
        for (Layer layer : layers) {
            parameters.addAll(layer.parameters());
        }
        this.dLogits = precision.matrix(capacity, outputs);
        this.probabilities = precision.matrix(capacity, outputs);
    }

    /** Logits (batch, outputs) for x (batch, inputs). */
    public Tensor forward(Tensor x, boolean training) {
        requireBatch(x);
        Tensor h = x;
        for (Layer layer : layers) {
            h = layer.forward(h, training);
        }
        return h;
    }

    /**
     * Forward in training mode, backward, plus the L2 gradient: afterwards every parameter's gradient is
     * ∂J/∂θ for this batch.
     *
     * @return the batch's mean data loss (without the L2 term)
     */
    public double computeGradients(Tensor x, int[] labels) {
        Tensor logits = forward(x, true);
        double batchLoss = loss.lossAndGradient(logits, labels, dLogits);
        Tensor grad = dLogits;
        for (int i = layers.size() - 1; i >= firstTrainable; i--) {
            grad = layers.get(i).backward(grad);
        }
        if (l2 != 0) {
            for (Parameter p : parameters) {
                if (p.l2()) {
                    Tensor w = p.value();
                    Tensor g = p.gradient();
                    int n = w.size();
                    for (int i = 0; i < n; i++) {
                        g.add(i, l2 * w.get(i)); // ∂(λ/2·w²)/∂w = λ·w
                    }
                }
            }
        }
        return batchLoss;
    }

    /** Output probabilities (batch, outputs) in inference mode; the returned buffer is reused. */
    public Tensor predict(Tensor x) {
        loss.probabilities(forward(x, false), probabilities);
        return probabilities;
    }

    /** (λ/2)·Σ w² over dense weights. */
    public double l2Penalty() {
        double sum = 0;
        for (Parameter p : parameters) {
            if (p.l2()) {
                for (int i = 0; i < p.value().size(); i++) {
                    sum += p.value().get(i) * p.value().get(i);
                }
            }
        }
        return l2 / 2 * sum;
    }

    public Loss loss() {
        return loss;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public int capacity() {
        return capacity;
    }

    /** A copy of every parameter in the shared layout. */
    public ModelParameters exportParameters() {
        List<LayerParameters> out = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof DenseLayer d) {
                out.add(new LayerParameters.Dense(d.specIndex(), d.inputs(), d.outputs(),
                        d.weights().value().toFloatArray(), d.bias().value().toFloatArray()));
            } else if (layer instanceof BatchNormLayer b) {
                out.add(new LayerParameters.BatchNorm(b.specIndex(), b.features(), b.gamma().value().toFloatArray(),
                        b.beta().value().toFloatArray(), b.runningMean().toFloatArray(),
                        b.runningVar().toFloatArray()));
            }
        }
        return new ModelParameters(out);
    }

    /**
     * Replaces every parameter with {@code given} (values copied exactly).
     *
     * @throws IllegalArgumentException naming the first layer whose layout differs from this network's
     */
    public void importParameters(ModelParameters given) {
        List<Layer> owners = layers.stream().filter(l -> l instanceof DenseLayer || l instanceof BatchNormLayer).toList();
        ModelParameters expected = exportParameters();
        if (given.layers().size() != owners.size()) {
            throw new IllegalArgumentException("expected " + owners.size() + " parametrised layers ("
                    + expected.describeShape() + "), found " + given.layers().size() + " (" + given.describeShape() + ")");
        }
        for (int k = 0; k < owners.size(); k++) {
            LayerParameters want = expected.layers().get(k);
            LayerParameters got = given.layers().get(k);
            if (!sameLayout(want, got)) {
                throw new IllegalArgumentException("parametrised layer " + k + ": expected " + describe(want)
                        + ", found " + describe(got));
            }
        }
        for (int k = 0; k < owners.size(); k++) {
            if (owners.get(k) instanceof DenseLayer d && given.layers().get(k) instanceof LayerParameters.Dense p) {
                d.weights().value().copyFrom(p.weights());
                d.bias().value().copyFrom(p.bias());
            } else if (owners.get(k) instanceof BatchNormLayer b
                    && given.layers().get(k) instanceof LayerParameters.BatchNorm p) {
                b.gamma().value().copyFrom(p.gamma());
                b.beta().value().copyFrom(p.beta());
                b.runningMean().copyFrom(p.runningMean());
                b.runningVar().copyFrom(p.runningVar());
            }
        }
    }

    private static boolean sameLayout(LayerParameters a, LayerParameters b) {
        if (a instanceof LayerParameters.Dense x && b instanceof LayerParameters.Dense y) {
            return x.layerIndex() == y.layerIndex() && x.nIn() == y.nIn() && x.nOut() == y.nOut();
        }
        if (a instanceof LayerParameters.BatchNorm x && b instanceof LayerParameters.BatchNorm y) {
            return x.layerIndex() == y.layerIndex() && x.features() == y.features();
        }
        return false;
    }

    private static String describe(LayerParameters p) {
        return p instanceof LayerParameters.Dense d
                ? "dense layer " + d.layerIndex() + " of shape (" + d.nIn() + ", " + d.nOut() + ")"
                : "batch-norm layer " + p.layerIndex() + " of " + ((LayerParameters.BatchNorm) p).features() + " features";
    }

    private void requireBatch(Tensor x) {
        if (x.cols() != inputs || x.rows() > capacity) {
            throw new IllegalArgumentException("network takes at most " + capacity + " rows of " + inputs
                    + " inputs, found (" + x.rows() + ", " + x.cols() + ")");
        }
    }

    /** Separates the random streams of one seed (MurmurHash3's 64-bit finaliser). */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
