package dev.digitslab.scratch;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.params.ParameterLayout;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.MemoryEstimate;
import dev.digitslab.api.train.ResourceLimitException;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.MatrixProducts;
import dev.digitslab.scratch.kernel.WorkerPool;
import dev.digitslab.scratch.nn.Network;
import dev.digitslab.scratch.optim.Optimizer;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/** A float32 {@link Network} with its optimiser: what {@link ScratchTrainer} builds and loads. */
public final class ScratchModel implements TrainableModel {
    /** Inference runs in chunks of at least this many rows, whatever the training batch size. */
    static final int PREDICT_CHUNK = 256;
    /** One copy of the parameters: what a model file holds. */
    private static final MemoryEstimate.Footprint PARAMETERS_ONLY = MemoryEstimate.Footprint.parameters(1);

    private final ExperimentSpec spec;
    private final long seed;
    private final WorkerPool pool;   // this model's threads, closed with it
    private final Network network;
    private final Optimizer optimizer;
    private final FloatTensor input; // (batch, inputs)
    private final int[] labels;      // (batch)

    // The batch being gathered on the pool's threads; fields instead of a capturing lambda so no step allocates.
    private ImageSet gatherSet;
    private int[] gatherOrder;
    private int gatherFrom;
    private final WorkerPool.RowTask gatherTask = this::gatherRows;

    /**
     * @param threads the threads its matrix products use; results do not depend on them ({@link WorkerPool})
     */
    ScratchModel(ExperimentSpec spec, int inputCount, long seed, ModelParameters initial, int threads) {
        requireFits(spec, inputCount);
        this.spec = spec;
        this.seed = seed;
        int capacity = capacity(spec);
        this.pool = new WorkerPool(threads);
        this.network = new Network(spec, inputCount, capacity, Precision.FLOAT,
                new MatrixProducts(KernelSelection.kernels(), pool), seed);
        if (initial != null) {
            network.importParameters(initial);
        }
        this.optimizer = Optimizer.of(spec.optimizer(), network.parameters(), pool);
        this.input = (FloatTensor) Precision.FLOAT.matrix(capacity, inputCount);
        this.labels = new int[capacity];
    }

    /** The optimiser (diagnostics and benchmarks of this package). */
    Optimizer optimizer() {
        return optimizer;
    }

    /** Rows every batch-sized buffer is allocated for: training batches and inference chunks share them. */
    static int capacity(ExperimentSpec spec) {
        return Math.max(spec.batchSize(), PREDICT_CHUNK);
    }

    /**
     * How this implementation holds a network ({@link MemoryEstimate}), all of it on the JVM heap: 6 copies of the
     * parameters (values and gradients, the exported copy a finished run keeps, and about three more while the model
     * file is written: its buffer grows by doubling, then is copied); the optimiser's state; and per layer output up
     * to 4 (capacity, width) arrays (a dense layer's output, its activation's output and gradient, the next layer's
     * input gradient; dropout's mask, batch norm's normalised input).
     */
    static MemoryEstimate.Footprint footprint(ExperimentSpec spec) {
        return new MemoryEstimate.Footprint(6, true, 4, capacity(spec), true);
    }

    /**
     * Refuses, before anything is allocated, a network whose arrays an int cannot index, that needs more than the
     * heap can still give, or whose model file would be longer than the format allows.
     *
     * @throws ResourceLimitException naming the spec, the limit and the largest layer
     */
    static void requireFits(ExperimentSpec spec, int inputCount) {
        MemoryEstimate.of(spec, inputCount, footprint(spec)).requireWithinHeap("scratch");
        long fileBytes = ModelFile.length(spec, ParameterLayout.of(spec, inputCount));
        if (fileBytes > ModelFile.MAX_FILE_BYTES) {
            MemoryEstimate.Part largest = MemoryEstimate.of(spec, inputCount, PARAMETERS_ONLY).largest();
            throw new ResourceLimitException("spec " + spec.name() + ": its scratch model file would be "
                    + MemoryEstimate.format(fileBytes) + ", more than the format can hold ("
                    + MemoryEstimate.format(ModelFile.MAX_FILE_BYTES) + "); " + largest.layer() + " alone has "
                    + MemoryEstimate.format(largest.bytes()) + " of parameters");
        }
    }

    @Override
    public ExperimentSpec spec() {
        return spec;
    }

    long seed() {
        return seed;
    }

    int inputCount() {
        return network.inputs();
    }

    Network network() {
        return network;
    }

    @Override
    public double trainBatch(ImageSet train, int[] order, int from, int to) {
        requireWidth(train);
        input.useRows(to - from);
        // On all threads: the rows are scattered over the whole training set, so each copy waits on memory.
        gatherSet = train;
        gatherOrder = order;
        gatherFrom = from;
        try {
            pool.forEachRange(to - from, gatherTask);
        } finally {
            gatherSet = null;
            gatherOrder = null;
        }
        for (int r = from; r < to; r++) {
            labels[r - from] = train.labels()[order[r]];
        }
        double batchLoss = network.computeGradients(input, labels);
        optimizer.step();
        return batchLoss;
    }

    /** Rows [first, end) of the batch being gathered. */
    private void gatherRows(int first, int end) {
        gatherSet.gatherFeatures(gatherOrder, gatherFrom + first, gatherFrom + end, input.data(), first);
    }

    @Override
    public float[] predict(ImageSet data) {
        requireWidth(data);
        int outputs = network.outputs();
        int features = data.featureCount();
        float[] out = new float[data.count() * outputs];
        int chunk = network.capacity();
        for (int from = 0; from < data.count(); from += chunk) {
            int to = Math.min(data.count(), from + chunk);
            input.useRows(to - from);
            System.arraycopy(data.features(), from * features, input.data(), 0, (to - from) * features);
            Tensor p = network.predict(input);
            for (int i = 0; i < p.size(); i++) {
                out[from * outputs + i] = (float) p.get(i);
            }
        }
        return out;
    }

    @Override
    public ModelParameters parameters() {
        return network.exportParameters();
    }

    @Override
    public void save(Path file) throws IOException {
        ModelFile.write(file, this);
    }

    @Override
    public void close() {
        pool.close();
    }

    private void requireWidth(ImageSet data) {
        if (data.featureCount() != network.inputs()) {
            throw new IllegalArgumentException("model " + spec.name() + " takes " + network.inputs()
                    + " features per image, the data has " + data.featureCount());
        }
    }
}
