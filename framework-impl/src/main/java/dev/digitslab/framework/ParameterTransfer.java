package dev.digitslab.framework;

import dev.digitslab.api.params.LayerParameters;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.params.ParameterLayout;
import dev.digitslab.api.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies parameters between a network's parameter views and the shared layout, exactly (float for
 * float). Deeplearning4j keeps a dense layer's W as an f-order (nIn, nOut) view into the flat
 * parameter vector; the shared layout is row-major (nIn, nOut), so both directions go through a
 * logical (i, j) copy rather than the raw buffer.
 */
final class ParameterTransfer {
    private ParameterTransfer() {
    }

    /**
     * The parameters the network holds, with the shapes its arrays have: for the layers the spec's layout
     * names, whether or not their shapes are the layout's (a loaded file checks that afterwards).
     */
    static ModelParameters export(MultiLayerNetwork net, ExperimentSpec spec) {
        List<LayerParameters> layers = new ArrayList<>();
        for (ParameterLayout.Layer parametrised : layout(net, spec).layers()) {
            int i = parametrised.layerIndex();
            Layer layer = net.getLayer(i);
            if (parametrised instanceof ParameterLayout.Dense) {
                INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY); // (nIn, nOut), f-order view
                layers.add(new LayerParameters.Dense(i, (int) w.size(0), (int) w.size(1), rowMajor(w),
                        rowMajor(layer.getParam(DefaultParamInitializer.BIAS_KEY))));
            } else {
                float[] gamma = rowMajor(layer.getParam(BatchNormalizationParamInitializer.GAMMA));
                layers.add(new LayerParameters.BatchNorm(i, gamma.length, gamma,
                        rowMajor(layer.getParam(BatchNormalizationParamInitializer.BETA)),
                        rowMajor(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)),
                        rowMajor(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR))));
            }
        }
        return new ModelParameters(layers);
    }

    /** The layout the spec implies for the network's input width. */
    static ParameterLayout layout(MultiLayerNetwork net, ExperimentSpec spec) {
        return ParameterLayout.of(spec, net.layerInputSize(0));
    }

    /**
     * Overwrites the network's parameters with {@code given}.
     *
     * @throws IllegalArgumentException if given does not have the layout the spec implies
     */
    static void importInto(MultiLayerNetwork net, ExperimentSpec spec, ModelParameters given) {
        layout(net, spec).requireMatch(given);
        for (LayerParameters p : given.layers()) {
            Layer layer = net.getLayer(p.layerIndex());
            if (p instanceof LayerParameters.Dense d) {
                assign(layer.getParam(DefaultParamInitializer.WEIGHT_KEY), d.weights());
                assign(layer.getParam(DefaultParamInitializer.BIAS_KEY), d.bias());
            } else if (p instanceof LayerParameters.BatchNorm b) {
                assign(layer.getParam(BatchNormalizationParamInitializer.GAMMA), b.gamma());
                assign(layer.getParam(BatchNormalizationParamInitializer.BETA), b.beta());
                assign(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN), b.runningMean());
                assign(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR), b.runningVar());
            }
        }
    }

    /** The array's elements in row-major (c) order, whatever its own ordering. */
    private static float[] rowMajor(INDArray a) {
        return Nd4j.toFlattened('c', a).toFloatVector();
    }

    /** Writes row-major {@code values} into the (possibly f-order) view {@code target}, element by element. */
    private static void assign(INDArray target, float[] values) {
        if (values.length != target.length()) {
            throw new IllegalArgumentException("expected " + target.length() + " values for shape "
                    + Arrays.toString(target.shape()) + ", found " + values.length);
        }
        target.assign(Nd4j.create(values, target.shape(), 'c'));
    }
}
