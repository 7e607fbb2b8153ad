package dev.digitslab.framework;

import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.MemoryEstimate;
import dev.digitslab.api.train.Role;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/** The Deeplearning4j implementation of the experiment interface (id {@value #ID}). */
public final class FrameworkTrainer implements Trainer {
    public static final String ID = "framework";

    /** On the JVM heap: the exported parameters a finished run keeps, and one transient copy while exporting. */
    static final MemoryEstimate.Footprint HEAP_FOOTPRINT = MemoryEstimate.Footprint.parameters(2);

    static {
        NativeRuntime.prepare(); // before anything touches JavaCPP or ND4J
    }

    /** Shares of the cores up to this many get one thread: see {@link #threadsFor}. */
    static final int SINGLE_THREAD_SHARE = 2;

    private final WorkspaceMode workspaces;

    /** The trainer {@link java.util.ServiceLoader} finds, with the settings measured fastest. */
    public FrameworkTrainer() {
        this(WorkspaceMode.ENABLED);
    }

    /** A trainer with the given ND4J workspace mode (for benchmarks). */
    public FrameworkTrainer(WorkspaceMode workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Role role() {
        return Role.REFERENCE;
    }

    @Override
    public String description() {
        Map<String, String> env = environment();
        return "Deeplearning4j " + env.get("deeplearning4j") + " on ND4J native CPU (" + env.get("native.binaryLevel")
                + " binary, " + env.get("omp.maxThreads") + " OpenMP thread(s))";
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = NativeRuntime.describe();
        env.put("workspaces", workspaces.name());
        return env;
    }

    /**
     * How Deeplearning4j holds a network in native memory ({@link MemoryEstimate}): 3 copies of the parameters (the
     * flat parameter vector, the flat gradient vector, and one transient full-size copy: weight initialisation draws
     * into one, exporting flattens into one); the updater's state; and per layer output up to 4 arrays of (rows,
     * width) (activation, pre-activation recomputed in backprop, the error passed back, workspace slack), for rows
     * the larger of the batch and an inference chunk; ND4J indexes those with long, so only the parameters (exported
     * to float[]) must fit an int-indexed array.
     */
    static MemoryEstimate.Footprint nativeFootprint(ExperimentSpec spec) {
        return new MemoryEstimate.Footprint(3, true, 4, Math.max(spec.batchSize(), FrameworkModel.PREDICT_CHUNK),
                false);
    }

    @Override
    public void requireFits(ExperimentSpec spec, int inputCount) {
        if (inputCount <= 0) {
            throw new IllegalArgumentException("inputCount must be positive, found " + inputCount);
        }
        NativeRuntime.NativeMemory available = NativeRuntime.availableNativeMemory();
        MemoryEstimate.of(spec, inputCount, nativeFootprint(spec)).requireWithin(available.bytes(), ID,
                available.description());
        MemoryEstimate.of(spec, inputCount, HEAP_FOOTPRINT).requireWithinHeap(ID);
    }

    @Override
    public TrainableModel create(ExperimentSpec spec, int inputCount, long seed, ModelParameters initial,
                                 int threads) {
        requireFits(spec, inputCount); // before ND4J allocates anything
        NativeRuntime.useThreads(threadsFor(threads));
        MultiLayerConfiguration conf = NetworkConfigurationMapper.map(spec, inputCount, seed, workspaces);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        Nd4j.getRandom().setSeed(seed); // init seeds from the configuration too; this keeps it explicit
        net.init();
        if (initial != null) {
            ParameterTransfer.importInto(net, spec, initial);
        }
        return new FrameworkModel(spec, net, seed);
    }

    /**
     * One thread on a share of up to {@value #SINGLE_THREAD_SHARE} cores, else the share. Measured on 2-core machines
     * (README, "Threads"): with 2 threads (OpenMP's and OpenBLAS's second thread, which waits for work by spinning
     * on sched_yield) 784-128-10 trained 30-50% slower than with 1, and 784-512-512-10 at most about 10% faster.
     */
    @Override
    public int threadsFor(int share) {
        if (share < 1) {
            throw new IllegalArgumentException("a run's share of the cores must be at least 1, found " + share);
        }
        return share <= SINGLE_THREAD_SHARE ? 1 : share;
    }

    /** {@code OMP_NUM_THREADS}, or 1 if it is not set: see {@link NativeRuntime}. */
    @Override
    public int defaultThreads() {
        return NativeRuntime.defaultThreads();
    }

    @Override
    public TrainableModel load(Path file) throws IOException {
        NativeRuntime.checkThreadSettings();
        return ModelFile.load(file);
    }
}
