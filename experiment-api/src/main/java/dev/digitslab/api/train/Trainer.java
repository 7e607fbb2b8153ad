package dev.digitslab.api.train;

import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service each implementation provides, discovered with {@link java.util.ServiceLoader} (see
 * {@link Trainers}). It builds and loads models; {@link TrainingRun} drives them one
 * {@link TrainableModel#trainBatch batch step} at a time, so both implementations are trained, timed and
 * evaluated by the same loop.
 */
public interface Trainer {

    /** Short identifier used on the command line and in reports: "framework" or "scratch". */
    String id();

    /** Which side of the comparison this implementation stands on; exactly one trainer has each role. */
    Role role();

    /** One line for reports, e.g. the library and version. */
    String description();

    /** Facts a report needs to repeat a run (versions, native variant, threads), as name → value. */
    Map<String, String> environment();

    /**
     * Checks, before anything is allocated, that the network {@code spec} describes for inputs of width
     * {@code inputCount} can be built and trained here: every array short enough to index with an int, and the
     * memory its {@link MemoryEstimate} (with this implementation's footprint) needs within what this implementation
     * can get (the JVM heap, native memory). {@link #create} calls it first; callers that run several specs call
     * it for all of them before training any.
     *
     * @throws ResourceLimitException one line naming the spec, the limit, the largest layer and what it would need
     */
    void requireFits(ExperimentSpec spec, int inputCount);

    /**
     * Builds the network the spec describes for inputs of width {@code inputCount}, after {@link #requireFits}.
     *
     * @param seed    fixes initialisation and dropout
     * @param initial if not null, the starting parameters (layout checked against the spec), used
     *                instead of random initialisation; the model does not keep a reference to them
     * @param threads the cores the run may compute with, at least 1: its share when several runs share a machine;
     *                the model computes with {@link #threadsFor(int) threadsFor(threads)} threads. Results may
     *                depend on that count (Deeplearning4j's reductions) or not (scratch).
     */
    TrainableModel create(ExperimentSpec spec, int inputCount, long seed, ModelParameters initial, int threads);

    /** {@link #create(ExperimentSpec, int, long, ModelParameters, int)} with {@link #defaultThreads()}. */
    default TrainableModel create(ExperimentSpec spec, int inputCount, long seed, ModelParameters initial) {
        return create(spec, inputCount, seed, initial, defaultThreads());
    }

    /**
     * The threads a model computes with when a run may use {@code share} cores: all of them unless this
     * implementation measured that more threads do not pay on such a share. At least 1, at most {@code share}.
     */
    default int threadsFor(int share) {
        return share;
    }

    /** The threads a model computes with when the caller does not say: this implementation's configured default. */
    int defaultThreads();

    /**
     * Loads a model this implementation saved with {@link TrainableModel#save}. A file that is not such
     * a model (another implementation's, truncated, inconsistent) gives {@link ModelFormatException}.
     */
    TrainableModel load(Path file) throws IOException;
}
