package dev.digitslab.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.testing.RandomNetworks;
import dev.digitslab.api.testing.ReferenceSpecs;
import dev.digitslab.api.train.MemoryEstimate;
import dev.digitslab.api.train.ResourceLimitException;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network too big for this JVM is refused by {@link ScratchTrainer#requireFits} (and by {@code create}, which calls
 * it first) before anything is allocated, with one line naming the spec, the layer and the memory; a network that
 * fits is built. No test here allocates more than a few MiB.
 */
class NetworkSizeLimitsTest {
    private static final Logger log = LoggerFactory.getLogger(NetworkSizeLimitsTest.class);
    private static final long GIB = 1L << 30;
    private static final long SEED = 20_251_130L;
    private static final int INPUTS = 300;
    /** Random networks estimated at most this much are really built (and the small ones trained for a batch). */
    private static final long BUILT_UP_TO = 16L << 20;

    private final ScratchTrainer trainer = new ScratchTrainer();

    /** The issue's spec: 784 → units (ReLU) → 10 (softmax), Adam, batch 32. */
    static ExperimentSpec big(int units) {
        return ReferenceSpecs.oneHiddenLayer(units);
    }

    @Test
    void refusesTheIssuesBillionUnitLayerBeforeAllocatingAnything() {
        String expected = "spec big: dense layer 0 (784 × 1000000000) has weights of 784000000000 values (2.9 TiB), "
                + "more than an int-indexed array can hold (2147483639)";
        assertEquals(expected, assertThrows(ResourceLimitException.class,
                () -> trainer.requireFits(big(1_000_000_000), 784)).getMessage());
        assertEquals(expected, assertThrows(ResourceLimitException.class,
                () -> trainer.create(big(1_000_000_000), 784, 42, null)).getMessage());
    }

    @Test
    void refusesTwoAndAHalfMillionUnitsForWantOfHeapNamingTheLayerAndTheMemory() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 60 * GIB, "a heap of 60 GiB or more might hold it");
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> trainer.create(big(2_500_000), 784, 42, null));
        assertTrue(e.getMessage().startsWith("spec big: training it with scratch needs 68.8 GiB, but the JVM heap can "
                + "give at most "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; dense layer 0 (784 × 2500000) alone needs 68.0 GiB (parameters ×6, "
                + "adam state ×2, activations of 256 rows ×4)"), e.getMessage());
    }

    @Test
    void acceptsTheReferenceNetwork() {
        trainer.requireFits(ReferenceSpecs.mlp128ThreeEpochs(), 784);
    }

    @Test
    void randomSizesAreRefusedOrReallyBuilt() throws IOException {
        RandomNetworks.Outcome outcome = RandomNetworks.refuseOrBuild("scratch-network-size", SEED, INPUTS,
                Duration.ofSeconds(120), trainer, "estimated at most " + MemoryEstimate.format(BUILT_UP_TO),
                (drawn, i) -> {
                    if (MemoryEstimate.of(drawn.spec(), 784, ScratchModel.footprint(drawn.spec())).bytes() > BUILT_UP_TO) {
                        return false;
                    }
                    build(drawn.spec(), drawn.kind().equals("small"));
                    return true;
                }, log);
        assertEquals(INPUTS, outcome.inputs());
        assertTrue(outcome.built() > INPUTS / 10 && outcome.refused() > INPUTS / 10,
                outcome.built() + " built, " + outcome.refused() + " refused");
    }

    /** Builds the network, predicts, and for a small one trains one batch: what a run would do first. */
    private void build(ExperimentSpec spec, boolean train) {
        SplittableRandom r = new SplittableRandom(spec.batchSize());
        int count = Math.min(spec.batchSize(), 64);
        float[] pixels = new float[count * 784]; // (count, 784)
        int[] labels = new int[count];
        byte[] digits = new byte[count];
        for (int i = 0; i < count; i++) {
            pixels[i * 784 + r.nextInt(784)] = 1f;
            labels[i] = r.nextInt(10);
            digits[i] = (byte) labels[i];
        }
        ImageSet images = new ImageSet(pixels, labels, digits, count, 784, 10);
        try (TrainableModel model = trainer.create(spec, 784, 42, null)) {
            if (train) {
                TrainingRun.trainEpoch(model, images, BatchOrder.permutation(42, 1, count), 1, new TrainingListener() {
                });
            }
            if (model.predict(images).length != count * 10) {
                throw new IllegalStateException("predicted the wrong number of probabilities");
            }
        }
    }
}
