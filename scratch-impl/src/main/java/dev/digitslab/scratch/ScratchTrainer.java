package dev.digitslab.scratch;

import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.Role;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.WorkerPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hand-written implementation, id {@code scratch}: plain Java, float32, Vector API kernels when enabled. */
public final class ScratchTrainer implements Trainer {

    @Override
    public String id() {
        return "scratch";
    }

    @Override
    public Role role() {
        return Role.CANDIDATE;
    }

    @Override
    public String description() {
        return "from-scratch Java network (" + KernelSelection.kernels().description() + ")";
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        env.put("kernels", KernelSelection.kernels().description());
        env.put("vector module", KernelSelection.vectorModulePresent() ? "present" : "absent");
        env.put("precision", "float32");
        return env;
    }

    /** Everything the scratch network holds is on the JVM heap: see {@link ScratchModel#footprint}. */
    @Override
    public void requireFits(ExperimentSpec spec, int inputCount) {
        requirePositive(inputCount);
        ScratchModel.requireFits(spec, inputCount);
    }

    @Override
    public TrainableModel create(ExperimentSpec spec, int inputCount, long seed, ModelParameters initial,
                                 int threads) {
        requirePositive(inputCount);
        return new ScratchModel(spec, inputCount, seed, initial, threads); // which calls requireFits first
    }

    /** System property {@value WorkerPool#PROPERTY}, else the available processors: see {@link WorkerPool}. */
    @Override
    public int defaultThreads() {
        return WorkerPool.defaultThreads();
    }

    private static void requirePositive(int inputCount) {
        if (inputCount <= 0) {
            throw new IllegalArgumentException("inputCount must be positive, found " + inputCount);
        }
    }

    @Override
    public TrainableModel load(Path file) throws IOException {
        return ModelFile.read(file);
    }
}
