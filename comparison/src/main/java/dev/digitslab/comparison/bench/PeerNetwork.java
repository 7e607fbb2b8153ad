package dev.digitslab.comparison.bench;

import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the peer scripts can train: multiclass, hidden dense ReLU layers (each optionally dense → batch norm → ReLU),
 * a softmax output, cross-entropy, Adam, He initialisation, optional L2. A spec outside that is refused with the
 * reason, and the peers sit that workload out.
 *
 * @param hidden    hidden layer widths
 * @param batchNorm batch norm between each hidden dense layer and its ReLU
 */
record PeerNetwork(List<Integer> hidden, boolean batchNorm, double decay, double epsilon) {

    /** @throws IllegalArgumentException naming what the peers cannot express */
    static PeerNetwork of(ExperimentSpec spec) {
        require(spec.data().task() instanceof TaskSpec.Multiclass, "a task other than multiclass");
        require(spec.loss() == LossKind.CATEGORICAL_CROSS_ENTROPY, "loss " + spec.loss().id());
        require(spec.optimizer() instanceof OptimizerSpec.Adam, "optimiser " + spec.optimizer().kind().id());
        require(spec.init() == InitScheme.HE, "init " + spec.init().id());
        List<LayerSpec> layers = spec.network();
        List<Integer> hidden = new ArrayList<>();
        Boolean batchNorm = null;
        double decay = LayerSpec.BatchNorm.DEFAULT_DECAY;
        double epsilon = LayerSpec.BatchNorm.DEFAULT_EPSILON;
        int i = 0;
        while (i < layers.size() - 1) {
            boolean withNorm = i + 2 < layers.size() && layers.get(i) instanceof LayerSpec.Dense d
                    && d.activation() == Activation.IDENTITY && layers.get(i + 1) instanceof LayerSpec.BatchNorm
                    && layers.get(i + 2) instanceof LayerSpec.ActivationLayer a && a.function() == Activation.RELU;
            boolean plain = layers.get(i) instanceof LayerSpec.Dense d && d.activation() == Activation.RELU;
            require(withNorm || plain, "layer " + i + " (" + layers.get(i).type() + ")");
            require(batchNorm == null || batchNorm == withNorm, "batch norm after some hidden layers only");
            batchNorm = withNorm;
            hidden.add(((LayerSpec.Dense) layers.get(i)).units());
            if (withNorm) {
                LayerSpec.BatchNorm norm = (LayerSpec.BatchNorm) layers.get(i + 1);
                decay = norm.decay();
                epsilon = norm.epsilon();
            }
            i += withNorm ? 3 : 1;
        }
        require(!layers.isEmpty() && layers.get(layers.size() - 1) instanceof LayerSpec.Dense out
                && out.activation() == Activation.SOFTMAX, "an output layer other than dense softmax");
        return new PeerNetwork(List.copyOf(hidden), batchNorm != null && batchNorm, decay, epsilon);
    }

    /** The peer script's arguments for this network trained as {@code spec} says, for {@code epochs}. */
    static List<String> arguments(ExperimentSpec spec, int epochs, Integer subset) {
        PeerNetwork network = of(spec);
        OptimizerSpec.Adam adam = (OptimizerSpec.Adam) spec.optimizer();
        List<String> args = new ArrayList<>(List.of(
                "--hidden", String.join(",", network.hidden.stream().map(String::valueOf).toList()),
                "--batch-size", Integer.toString(spec.batchSize()),
                "--learning-rate", number(adam.learningRate()),
                "--beta1", number(adam.beta1()), "--beta2", number(adam.beta2()), "--epsilon", number(adam.epsilon()),
                "--l2", number(spec.l2()),
                "--epochs", Integer.toString(epochs),
                "--seed", Long.toString(spec.seeds().get(0)),
                "--validation-fraction", number(spec.data().validationFraction())));
        if (network.batchNorm) {
            args.addAll(List.of("--batch-norm", "--bn-decay", number(network.decay),
                    "--bn-epsilon", number(network.epsilon)));
        }
        Integer rows = subset != null ? subset : spec.data().subset();
        if (rows != null) {
            args.addAll(List.of("--subset", Integer.toString(rows)));
        }
        return args;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("the peer scripts do not implement " + what);
        }
    }
}
