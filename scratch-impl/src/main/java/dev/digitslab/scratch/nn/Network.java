package dev.digitslab.scratch.nn;

import dev.digitslab.api.params.LayerParameters;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.params.ParameterLayout;
import dev.digitslab.api.seed.SeedStream;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.scratch.kernel.Kernels;
import dev.digitslab.scratch.kernel.MatrixProducts;
import dev.digitslab.scratch.kernel.WorkerPool;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
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
    private final List<Layer> layers = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final ParameterLayout layout;
    private final Loss loss;
    private final double l2;
    private final Kernels kernels;      // the products' kernels, for the L2 gradient on float32 tensors
    private final int inputs;
    private final int outputs;
    private final int capacity;
    private final int firstTrainable;   // index in layers of the first layer with parameters
    private final Tensor dLogits;       // (batch, outputs)
    private final Tensor probabilities; // (batch, outputs)
    private final double[] rowLoss;     // (batch) each row's loss in the last computeGradients
    private final WorkerPool pool;      // the products' threads, which also share the loss's rows

    // The batch whose loss the pool's threads compute; fields instead of a capturing lambda so no step allocates.
    private Tensor lossLogits;
    private int[] lossLabels;
    private final WorkerPool.RowTask lossTask = this::lossRows;
    // The weights whose L2 gradient the pool's threads add, likewise.
    private float[] l2Weights;
    private float[] l2Gradient;
    private final WorkerPool.RowTask l2Task = this::addL2Elements;

    /**
     * @param capacity the largest batch this network will see
     * @param seed     fixes the initial weights (when not imported afterwards) and the dropout masks
     */
    public Network(ExperimentSpec spec, int inputs, int capacity, Precision precision, MatrixProducts products,
                   long seed) {
        this.loss = Loss.of(spec.loss());
        this.l2 = spec.l2();
        this.kernels = products.kernels();
        this.pool = products.pool();
        this.inputs = inputs;
        this.capacity = capacity;
        this.layout = ParameterLayout.of(spec, inputs);
        SplittableRandom initRandom = new SplittableRandom(SeedStream.of(seed, SeedStream.Purpose.INIT, 0));
        SplittableRandom dropoutRandom = new SplittableRandom(SeedStream.of(seed, SeedStream.Purpose.DROPOUT, 0));
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
        this.rowLoss = new double[capacity];
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
        // Rows on all threads: the exponentials of a softmax batch cost as much as a small layer's product.
        dLogits.useRows(logits.rows());
        lossLogits = logits;
        lossLabels = labels;
        try {
            pool.forEachRange(logits.rows(), lossTask);
        } finally {
            lossLogits = null;
            lossLabels = null;
        }
        double batchLoss = Loss.mean(rowLoss, logits.rows());
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
                    if (w instanceof FloatTensor fw && g instanceof FloatTensor fg) {
                        l2Weights = fw.data();
                        l2Gradient = fg.data();
                        try {
                            pool.forEachElementRange(n, l2Task); // the loop below, vectorised, on the threads
                        } finally {
                            l2Weights = null;
                            l2Gradient = null;
                        }
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        g.add(i, l2 * w.get(i)); // ∂(λ/2·w²)/∂w = λ·w
                    }
                }
            }
        }
        return batchLoss;
    }

    /** The loss and its gradient for rows [from, to) of the batch in {@link #computeGradients}. */
    private void lossRows(int from, int to) {
        loss.rowLosses(lossLogits, lossLabels, dLogits, from, to, rowLoss);
    }

    /** The L2 gradient of elements [from, to) of the weights in {@link #l2Weights}. */
    private void addL2Elements(int from, int to) {
        kernels.addL2Gradient(l2Gradient, l2Weights, l2, from, to);
    }

    /** Output probabilities (batch, outputs) in inference mode; the returned buffer is reused. */
    public Tensor predict(Tensor x) {
        loss.probabilities(forward(x, false), probabilities);
        return probabilities;
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
     * @throws IllegalArgumentException if given's layout is not the one this network's spec implies
     */
    public void importParameters(ModelParameters given) {
        layout.requireMatch(given);
        Iterator<LayerParameters> values = given.layers().iterator(); // same kinds in the same order as layers
        for (Layer layer : layers) {
            if (layer instanceof DenseLayer d) {
                LayerParameters.Dense p = (LayerParameters.Dense) values.next();
                d.weights().value().copyFrom(p.weights());
                d.bias().value().copyFrom(p.bias());
            } else if (layer instanceof BatchNormLayer b) {
                LayerParameters.BatchNorm p = (LayerParameters.BatchNorm) values.next();
                b.gamma().value().copyFrom(p.gamma());
                b.beta().value().copyFrom(p.beta());
                b.runningMean().copyFrom(p.runningMean());
                b.runningVar().copyFrom(p.runningVar());
            }
        }
    }

    private void requireBatch(Tensor x) {
        if (x.cols() != inputs || x.rows() > capacity) {
            throw new IllegalArgumentException("network takes at most " + capacity + " rows of " + inputs
                    + " inputs, found (" + x.rows() + ", " + x.cols() + ")");
        }
    }
}
