package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.testing.RandomNetworks;
import dev.digitslab.api.testing.ReferenceSpecs;
import dev.digitslab.api.train.MemoryEstimate;
import dev.digitslab.api.train.ResourceLimitException;
import dev.digitslab.api.train.TrainableModel;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network too big for the native memory ND4J can get (or for the heap its exported parameters go to) is refused by
 * {@link FrameworkTrainer#requireFits} (and by {@code create}, which calls it first) before ND4J allocates anything,
 * with one line naming the spec, the layer and the memory; a network that fits is built. No test here allocates more
 * than a few MiB.
 */
class NetworkSizeLimitsTest {
    private static final Logger log = LoggerFactory.getLogger(NetworkSizeLimitsTest.class);
    private static final long GIB = 1L << 30;
    private static final long SEED = 20_251_201L;
    private static final int INPUTS = 120;
    /**
     * Random networks whose native estimate is at most this much are really built and queried (the estimate counts
     * 4096-row inference activations; building and predicting 8 images allocates far less).
     */
    private static final long BUILT_UP_TO = 128L << 20;
    private static final FrameworkTrainer TRAINER = new FrameworkTrainer();

    /** The issue's spec: 784 → units (ReLU) → 10 (softmax), Adam, batch 32. */
    static ExperimentSpec big(int units) {
        return ReferenceSpecs.oneHiddenLayer(units);
    }

    @Test
    void refusesTheIssuesBillionUnitLayerBeforeNd4jAllocatesAnything() {
        // Deeplearning4j itself failed here with std::bad_alloc.
        String expected = "spec big: dense layer 0 (784 × 1000000000) has weights of 784000000000 values (2.9 TiB), "
                + "more than an int-indexed array can hold (2147483639)";
        assertEquals(expected, assertThrows(ResourceLimitException.class,
                () -> TRAINER.requireFits(big(1_000_000_000), 784)).getMessage());
        assertEquals(expected, assertThrows(ResourceLimitException.class,
                () -> TRAINER.create(big(1_000_000_000), 784, 42, null)).getMessage());
    }

    @Test
    void refusesTwoAndAHalfMillionUnitsForWantOfNativeMemoryNamingTheLayerAndTheMemory() {
        // Deeplearning4j itself kept taking native memory here until the process was killed.
        NativeRuntime.NativeMemory available = NativeRuntime.availableNativeMemory();
        assumeTrue(available.bytes() < 190 * GIB, "a machine with 190 GiB to spare might hold it");
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> TRAINER.create(big(2_500_000), 784, 42, null));
        assertTrue(e.getMessage().startsWith("spec big: training it with framework needs 189.7 GiB, but native memory "
                + "can give ND4J at most "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; dense layer 0 (784 × 2500000) alone needs 189.2 GiB (parameters ×3, "
                + "adam state ×2, activations of 4096 rows ×4)"), e.getMessage());
    }

    @Test
    void acceptsTheReferenceNetworkAndSaysWhereTheNativeLimitComesFrom() {
        TRAINER.requireFits(ReferenceSpecs.mlp128ThreeEpochs(), 784);
        NativeRuntime.NativeMemory available = NativeRuntime.availableNativeMemory();
        assertTrue(available.bytes() > 0, available.description());
        assertTrue(available.description().matches("native memory can give ND4J at most \\d+\\.\\d \\w+ \\("
                + "(physical memory|JavaCPP's maxPhysicalBytes) .+ resident and .+ the heap may still grow by\\)"),
                available.description());
    }

    @Test
    void randomSizesAreRefusedOrReallyBuilt() throws IOException {
        RandomNetworks.Outcome outcome = RandomNetworks.refuseOrBuild("framework-network-size", SEED, INPUTS,
                Duration.ofSeconds(180), TRAINER, "native estimate at most " + MemoryEstimate.format(BUILT_UP_TO),
                (drawn, i) -> {
                    ExperimentSpec spec = drawn.spec();
                    if (MemoryEstimate.of(spec, 784, FrameworkTrainer.nativeFootprint(spec)).bytes() > BUILT_UP_TO) {
                        return false;
                    }
                    ImageSet images = Specs.randomImages(8, 784, 10, i);
                    try (TrainableModel model = TRAINER.create(spec, 784, 42, null)) {
                        if (model.predict(images).length != 8 * 10) {
                            throw new IllegalStateException("predicted the wrong number of probabilities");
                        }
                    }
                    return true;
                }, log);
        assertEquals(INPUTS, outcome.inputs());
        assertTrue(outcome.built() > INPUTS / 10 && outcome.refused() > INPUTS / 10,
                outcome.built() + " built, " + outcome.refused() + " refused");
    }
}
