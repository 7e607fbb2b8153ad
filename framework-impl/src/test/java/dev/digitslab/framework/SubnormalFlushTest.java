package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SubnormalFlushTest {
    @Test
    void subnormalsBecomeZeroAndEverythingElseStaysBitForBit() {
        float tiny = Float.MIN_NORMAL / 3;
        float[] values = {tiny, -tiny, Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -0.5f, 0f,
            Float.NaN, Float.POSITIVE_INFINITY};
        INDArray array = Nd4j.create(values, new long[] {2, 5}, 'c');
        SubnormalFlush.apply(array.getRow(0)); // a view, as the network's parameters are
        SubnormalFlush.apply(array.getRow(1));
        float[] expected = {0f, 0f, 0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f, -0.5f, 0f, Float.NaN,
            Float.POSITIVE_INFINITY};
        assertArrayEquals(bits(expected), bits(array.data().asFloat()));
    }

    @Test
    void trainedParametersBelowTheFloorBecomeZeroButBatchNormRunningStatisticsAreLeftAlone() {
        ExperimentSpec spec = Specs.multiclass("floor", Specs.everyLayer(8, 0.3), OptimizerSpec.adam(1e-3), 0.0, null,
                32, null);
        MultiLayerNetwork net = ((FrameworkModel) new FrameworkTrainer().create(spec, 784, 5L, null)).network();
        INDArray weights = net.getLayer(0).getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray gamma = net.getLayer(1).getParam(BatchNormalizationParamInitializer.GAMMA);
        INDArray mean = net.getLayer(1).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray variance = net.getLayer(1).getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        weights.putScalar(0, 1e-30f);   // normal, below 2⁻⁶⁴
        weights.putScalar(1, 0x1p-63f);
        gamma.putScalar(0, -1e-25f);
        mean.putScalar(0, 1e-30f);
        variance.putScalar(0, 1e-30f);
        assertEquals(0, net.getIterationCount() % SubnormalFlush.EVERY_STEPS, "a step on which the flush runs");
        SubnormalFlush.afterStep(net);
        assertEquals(0, Float.floatToRawIntBits(weights.getFloat(0)), "+0");
        assertEquals(0x1p-63f, weights.getFloat(1));
        assertEquals(0, Float.floatToRawIntBits(gamma.getFloat(0)), "batch norm's scale is trained: +0");
        assertEquals(1e-30f, mean.getFloat(0), "the running mean is not a trained parameter");
        assertEquals(1e-30f, variance.getFloat(0), "nor the running variance");
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
