package dev.digitslab.framework;

import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
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

    static {
        NativeRuntime.disablePhysicalMemoryPolling(); // before anything touches JavaCPP
    }

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
                + " binary, " + env.get("OMP_NUM_THREADS") + " OpenMP thread(s))";
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = NativeRuntime.describe();
        env.put("workspaces", workspaces.name());
        return env;
    }

    @Override
    public TrainableModel create(ExperimentSpec spec, int inputCount, long seed, ModelParameters initial) {
        NativeRuntime.checkThreadSettings();
        MultiLayerConfiguration conf = NetworkConfigurationMapper.map(spec, inputCount, seed, workspaces);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        Nd4j.getRandom().setSeed(seed); // init seeds from the configuration too; this keeps it explicit
        net.init();
        if (initial != null) {
            ParameterTransfer.importInto(net, spec, initial);
        }
        return new FrameworkModel(spec, net, seed);
    }

    @Override
    public TrainableModel load(Path file) throws IOException {
        NativeRuntime.checkThreadSettings();
        return ModelFile.load(file);
    }
}
