package dev.digitslab.framework;

import dev.digitslab.api.params.ParameterFloor;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The scratch network's flush rule ({@code Kernels#adamUpdate}) for Deeplearning4j: every {@value #EVERY_STEPS} steps,
 * parameters below {@link ParameterFloor} (2⁻⁶⁴) and updater state that became subnormal (0 &lt; |x| &lt; 2⁻¹²⁶) are
 * stored as +0. With L2, 7% of a 784-512-512-10 network's weights and 4% of Adam's state were subnormal after six
 * epochs (both implementations alike), and CPUs that take a slow path for every subnormal operand (Intel's do; ND4J
 * and OpenBLAS run with flush-to-zero off) then slow down epoch after epoch; flushing subnormal weights alone still
 * left the L2 epochs 1.5× slower by epoch 4 on an Intel Xeon (see {@link ParameterFloor} for why).
 */
final class SubnormalFlush {
    /**
     * Steps between flushes. ND4J's conditional replace is slow (8–11 ms of CPU for the 2 million floats of a
     * 784-512-512-10 network's parameters and Adam state, three times a 128×784×512 GEMM), so every step would
     * cost more than half an epoch again; every 64th costs about 1%. In between, only values that reached the range
     * since the last flush are subnormal, and a flushed weight with zero moments stays exactly zero under L2 alone.
     */
    static final int EVERY_STEPS = 64;

    private SubnormalFlush() {
    }

    /** Flushes the network's parameters and updater state every {@value #EVERY_STEPS} steps of its own count. */
    static void afterStep(MultiLayerNetwork net) {
        // The network's iteration count is saved with it, so a loaded model flushes where the original would have.
        if (net.getIterationCount() % EVERY_STEPS == 0) {
            for (Layer layer : net.getLayers()) {
                layer.paramTable().forEach((key, parameter) -> {
                    if (trained(key)) {
                        applyFloor(parameter);
                    }
                });
            }
            apply(net.getUpdater().getStateViewArray());
        }
    }

    /** Whether a parameter is trained by the updater: batch norm's running mean and variance are not. */
    static boolean trained(String key) {
        return !key.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                && !key.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                && !key.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    }

    /** Replaces, in place, every element of a parameter array below {@link ParameterFloor} in magnitude by +0. */
    static void applyFloor(INDArray parameters) {
        BooleanIndexing.replaceWhere(parameters, 0.0, Conditions.absLessThan(ParameterFloor.FLOAT));
    }

    /** Replaces, in place, every subnormal element of a floating-point array (null: nothing to do) by +0. */
    static void apply(INDArray array) {
        if (array != null && !array.isEmpty()) {
            BooleanIndexing.replaceWhere(array, 0.0, Conditions.absLessThan(Float.MIN_NORMAL));
        }
    }
}
