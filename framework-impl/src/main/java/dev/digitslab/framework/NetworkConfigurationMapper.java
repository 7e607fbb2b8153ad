package dev.digitslab.framework;

import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the Deeplearning4j {@link MultiLayerConfiguration} an {@link ExperimentSpec} describes. Every
 * spec layer becomes exactly one Deeplearning4j layer, so spec layer i is network layer i.
 *
 * <p>The semantic traps, each matched to the interface's definitions:
 * <ul>
 *   <li>dropout: the spec gives the DROP rate p; {@link DropoutLayer} takes the RETAIN probability 1 − p;</li>
 *   <li>L2: {@code l2(λ)} on the weights of dense layers only ((λ/2)Σw² in the score, λw added to the
 *       gradient before the updater), never {@code weightDecay} (decoupled and scaled by the learning
 *       rate), nothing on biases or batch norm;</li>
 *   <li>batch norm: {@code useLogStd(false)} so the running variance is stored as a variance, which the
 *       shared parameter layout holds exactly;</li>
 *   <li>binary output: one sigmoid unit with {@code XENT}; multiclass: softmax with {@code MCXENT};</li>
 *   <li>classic momentum: {@link ClassicMomentum}, because Deeplearning4j's own is Nesterov's.</li>
 * </ul>
 */
public final class NetworkConfigurationMapper {
    private NetworkConfigurationMapper() {
    }

    /** The configuration for {@code spec} with inputs of width {@code inputCount}, seeded with {@code seed}. */
    public static MultiLayerConfiguration map(ExperimentSpec spec, int inputCount, long seed, WorkspaceMode workspaces) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(spec.optimizer()))
                .weightInit(weightInit(spec.init()))
                .biasInit(0.0)
                .trainingWorkspaceMode(workspaces)
                .inferenceWorkspaceMode(workspaces)
                .cacheMode(CacheMode.NONE)
                .list();
        List<LayerSpec> network = spec.network();
        int width = inputCount;
        for (int i = 0; i < network.size(); i++) {
            LayerSpec layer = network.get(i);
            boolean output = i == network.size() - 1;
            list.layer(i, layer(layer, width, output, spec));
            if (layer instanceof LayerSpec.Dense d) {
                width = d.units();
            }
        }
        return list.setInputType(InputType.feedForward(inputCount)).build();
    }

    private static Layer layer(LayerSpec layer, int width, boolean output, ExperimentSpec spec) {
        if (layer instanceof LayerSpec.Dense d) {
            BaseLayer.Builder<?> builder = output
                    ? new OutputLayer.Builder(lossFunction(spec.loss()))
                    : new DenseLayer.Builder();
            builder.activation(activation(d.activation()));
            if (builder instanceof OutputLayer.Builder o) {
                o.nIn(width).nOut(d.units());
            } else {
                ((DenseLayer.Builder) builder).nIn(width).nOut(d.units());
            }
            if (spec.l2() > 0) {
                builder.l2(spec.l2()).l2Bias(0.0);
            }
            return builder.build();
        }
        if (layer instanceof LayerSpec.ActivationLayer a) {
            return new ActivationLayer.Builder().activation(activation(a.function())).build();
        }
        if (layer instanceof LayerSpec.Dropout d) {
            return new DropoutLayer.Builder(retainProbability(d.rate())).build();
        }
        LayerSpec.BatchNorm b = (LayerSpec.BatchNorm) layer;
        return new BatchNormalization.Builder()
                .nIn(width).nOut(width)
                .decay(b.decay())
                .eps(b.epsilon())
                .useLogStd(false)
                .build();
    }

    /** Deeplearning4j's dropout argument for a spec drop rate. */
    static double retainProbability(double dropRate) {
        return 1.0 - dropRate;
    }

    static IUpdater updater(OptimizerSpec o) {
        if (o instanceof OptimizerSpec.Sgd sgd) {
            return new Sgd(sgd.learningRate());
        }
        if (o instanceof OptimizerSpec.Momentum m) {
            return m.nesterov() ? new Nesterovs(m.learningRate(), m.momentum())
                    : new ClassicMomentum(m.learningRate(), m.momentum());
        }
        // The sealed family's last kind.
        OptimizerSpec.Adam adam = (OptimizerSpec.Adam) o;
        return new Adam(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
    }

    static WeightInit weightInit(InitScheme init) {
        return switch (init) {
            case XAVIER -> WeightInit.XAVIER;
            case XAVIER_UNIFORM -> WeightInit.XAVIER_UNIFORM;
            case HE -> WeightInit.RELU;
            case HE_UNIFORM -> WeightInit.RELU_UNIFORM;
        };
    }

    static org.nd4j.linalg.activations.Activation activation(Activation a) {
        return switch (a) {
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX;
        };
    }

    static LossFunction lossFunction(LossKind loss) {
        return switch (loss) {
            case BINARY_CROSS_ENTROPY -> LossFunction.XENT;
            case CATEGORICAL_CROSS_ENTROPY -> LossFunction.MCXENT;
        };
    }
}
