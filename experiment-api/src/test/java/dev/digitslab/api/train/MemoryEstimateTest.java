package dev.digitslab.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    private static final long GIB = 1L << 30;

    private static ExperimentSpec spec(String name, List<LayerSpec> network, OptimizerSpec optimizer, int batchSize) {
        return new ExperimentSpec(name, null, new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null), network,
                LossKind.CATEGORICAL_CROSS_ENTROPY, optimizer, 0.0, InitScheme.HE, batchSize, 1, null);
    }

    /** 784 → units (ReLU) → 10 (softmax), Adam, batch 32: the issue's spec. */
    private static ExperimentSpec big(int units) {
        return spec("big", List.of(new LayerSpec.Dense(units, Activation.RELU), new LayerSpec.Dense(10,
                Activation.SOFTMAX)), OptimizerSpec.adam(1e-3), 32);
    }

    /** dense 6 → batch norm → relu → dropout → dense 10, on 5 inputs. */
    private static ExperimentSpec small(OptimizerSpec optimizer) {
        return spec("small", List.of(new LayerSpec.Dense(6, Activation.IDENTITY), new LayerSpec.BatchNorm(),
                new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.Dropout(0.2),
                new LayerSpec.Dense(10, Activation.SOFTMAX)), optimizer, 4);
    }

    @Test
    void countsEachLayerByTheDocumentedFormula() {
        // values_i = P_i·3 + T_i·2 (Adam) + 8 rows · width_i · 2, in float32; layer 0 also holds the 5-wide input.
        MemoryEstimate e = MemoryEstimate.of(small(OptimizerSpec.adam(1e-3)), 5,
                new MemoryEstimate.Footprint(3, true, 2, 8, true));
        assertEquals(List.of(
                new MemoryEstimate.Part("dense layer 0 (5 × 6)", 4 * (36 * 3 + 36 * 2 + 8 * (6 + 5) * 2)),
                new MemoryEstimate.Part("batch-norm layer 1 (6 features)", 4 * (24 * 3 + 12 * 2 + 8 * 6 * 2)),
                new MemoryEstimate.Part("activation layer 2 (6 wide)", 4 * (8 * 6 * 2)),
                new MemoryEstimate.Part("dropout layer 3 (6 wide)", 4 * (8 * 6 * 2)),
                new MemoryEstimate.Part("dense layer 4 (6 × 10)", 4 * (70 * 3 + 70 * 2 + 8 * 10 * 2))), e.parts());
        assertEquals(5000, e.bytes());
        assertEquals("dense layer 4 (6 × 10)", e.largest().layer());
        assertEquals("parameters ×3, adam state ×2, activations of 8 rows ×2", e.counted());
    }

    @Test
    void optimiserStateIsNoneForSgdOneVelocityForMomentumTwoMomentsForAdam() {
        MemoryEstimate.Footprint parametersOnly = new MemoryEstimate.Footprint(0, true, 0, 0, true);
        long trainable = 36 + 12 + 70;
        assertEquals(0, MemoryEstimate.of(small(OptimizerSpec.sgd(0.1)), 5, parametersOnly).bytes());
        assertEquals(4 * trainable, MemoryEstimate.of(small(OptimizerSpec.momentum(0.1, 0.9, true)), 5,
                parametersOnly).bytes());
        assertEquals(8 * trainable, MemoryEstimate.of(small(OptimizerSpec.adam(0.1)), 5, parametersOnly).bytes());
        assertEquals(0, MemoryEstimate.of(small(OptimizerSpec.adam(0.1)), 5,
                MemoryEstimate.Footprint.parameters(0)).bytes());
    }

    @Test
    void refusesTheIssuesBillionUnitLayerAsAnArrayNoIntCanIndex() {
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> MemoryEstimate.of(big(1_000_000_000), 784, new MemoryEstimate.Footprint(3, true, 4, 256, true)));
        assertEquals("spec big: dense layer 0 (784 × 1000000000) has weights of 784000000000 values (2.9 TiB), more "
                + "than an int-indexed array can hold (2147483639)", e.getMessage());
    }

    @Test
    void refusesABatchOfActivationsNoIntCanIndexWhenTheyAreJavaArrays() {
        MemoryEstimate.Footprint nativeActivations = new MemoryEstimate.Footprint(3, true, 4, 4096, false);
        assertEquals(4L * ((784L * 1_000_000 + 1_000_000) * 5 + 4096L * (1_000_000 + 784) * 4
                + (1_000_000L * 10 + 10) * 5 + 4096L * 10 * 4), MemoryEstimate.of(big(1_000_000), 784,
                nativeActivations).bytes());
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> MemoryEstimate.of(big(1_000_000), 784, new MemoryEstimate.Footprint(3, true, 4, 4096, true)));
        assertEquals("spec big: dense layer 0 (784 × 1000000) has activations of 4096 rows × 1000000 = 4096000000 "
                + "values (15.3 GiB), more than an int-indexed array can hold (2147483639)", e.getMessage());
    }

    @Test
    void theIssuesTwoAndAHalfMillionUnitsNeedTensOfGibibytesAndTheRefusalNamesTheLayer() {
        // Every array fits (784 × 2,500,000 = 1.96·10⁹ values), so only the memory can refuse it.
        MemoryEstimate e = MemoryEstimate.of(big(2_500_000), 784, new MemoryEstimate.Footprint(6, true, 4, 256, true));
        long layer0 = 4L * ((784L * 2_500_000 + 2_500_000) * (6 + 2) + 256L * (2_500_000 + 784) * 4);
        assertEquals(layer0, e.parts().get(0).bytes());
        assertTrue(e.bytes() > 68 * GIB, MemoryEstimate.format(e.bytes()));
        ResourceLimitException refused = assertThrows(ResourceLimitException.class,
                () -> e.requireWithin(5 * GIB, "scratch", "the JVM heap can give at most 5.0 GiB"));
        assertEquals("spec big: training it with scratch needs 68.8 GiB, but the JVM heap can give at most 5.0 GiB; "
                + "dense layer 0 (784 × 2500000) alone needs 68.0 GiB (parameters ×6, adam state ×2, activations of "
                + "256 rows ×4)", refused.getMessage());
        e.requireWithin(e.bytes(), "scratch", "enough"); // exactly enough is enough
    }

    @Test
    void theHeapRefusesWhatItCannotHoldAndAcceptsANormalNetwork() {
        ExperimentSpec normal = big(128);
        MemoryEstimate.of(normal, 784, new MemoryEstimate.Footprint(6, true, 4, 256, true)).requireWithinHeap("scratch");
        // 200 layers of 46340 × 46340 weights: every array fits an int, the whole needs ~6 TiB.
        List<LayerSpec> deep = new ArrayList<>(Collections.nCopies(200, new LayerSpec.Dense(46_340, Activation.RELU)));
        deep.add(new LayerSpec.Dense(10, Activation.SOFTMAX));
        MemoryEstimate huge = MemoryEstimate.of(spec("deep", deep, OptimizerSpec.sgd(0.1), 32), 784,
                MemoryEstimate.Footprint.parameters(1));
        ResourceLimitException e = assertThrows(ResourceLimitException.class, () -> huge.requireWithinHeap("scratch"));
        assertTrue(e.getMessage().startsWith("spec deep: training it with scratch needs 1.6 TiB, but the JVM heap can "
                + "give at most "), e.getMessage());
        assertTrue(e.getMessage().contains(" (-Xmx ") && e.getMessage().endsWith("; dense layer 1 (46340 × 46340) "
                + "alone needs 8.0 GiB (parameters ×1)"), e.getMessage());
    }

    @Test
    void saturatesInsteadOfWrapping() {
        List<LayerSpec> deep = new ArrayList<>(Collections.nCopies(50, new LayerSpec.Dense(46_340, Activation.RELU)));
        deep.add(new LayerSpec.Dense(10, Activation.SOFTMAX));
        MemoryEstimate e = MemoryEstimate.of(spec("deep", deep, OptimizerSpec.adam(0.1), 32), 784,
                new MemoryEstimate.Footprint(Integer.MAX_VALUE, true, 0, 0, true));
        assertEquals(Long.MAX_VALUE, e.bytes());
        assertEquals("8.0 EiB", MemoryEstimate.format(e.bytes()));
        assertThrows(ResourceLimitException.class, () -> e.requireWithin(Long.MAX_VALUE - 1, "x", "limit"));
    }

    @Test
    void formatsBytesInBinaryUnits() {
        assertEquals("0 bytes", MemoryEstimate.format(0));
        assertEquals("1023 bytes", MemoryEstimate.format(1023));
        assertEquals("1.5 KiB", MemoryEstimate.format(1536));
        assertEquals("3.0 TiB", MemoryEstimate.format(3L << 40));
        assertEquals("-5 bytes", MemoryEstimate.format(-5));
    }
}
