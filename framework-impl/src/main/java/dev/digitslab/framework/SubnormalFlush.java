package dev.digitslab.framework;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The scratch network's flush-to-zero rule ({@code Kernels#adamUpdate}) for Deeplearning4j: every {@value #EVERY_STEPS} steps,
 * parameters and updater state that became subnormal (0 &lt; |x| &lt; 2⁻¹²⁶) are stored as +0. With L2, 7% of a 784-512-512-10
 * network's weights and 4% of Adam's state were subnormal after six epochs (both implementations alike), and CPUs that
 * take a slow path for every subnormal operand (Intel's do; ND4J and OpenBLAS run with flush-to-zero off) then slow
 * down epoch after epoch. Values that small never change what the network computes beyond its last bits.
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
            apply(net.params());
            apply(net.getUpdater().getStateViewArray());
        }
    }

    /** Replaces, in place, every subnormal element of a floating-point array (null: nothing to do) by +0. */
    static void apply(INDArray array) {
        if (array != null && !array.isEmpty()) {
            BooleanIndexing.replaceWhere(array, 0.0, Conditions.absLessThan(Float.MIN_NORMAL));
        }
    }
}
