package dev.digitslab.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.spec.SpecValidator;
import dev.digitslab.api.testing.FuzzTally;
import dev.digitslab.api.testing.RandomNetworks;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random layer widths, depths, batch sizes and optimisers, from a few values to far beyond any machine: every spec
 * is either refused by validation ({@link InvalidSpecException}) or by {@link MemoryEstimate#of} for an array no int
 * can index ({@link ResourceLimitException}), exactly when one of its arrays is that long; or its estimate equals
 * the documented formula computed without overflow (BigInteger), and {@link MemoryEstimate#requireWithin} refuses it
 * exactly when that exceeds the limit.
 */
class MemoryEstimatePropertyTest {
    private static final Logger log = LoggerFactory.getLogger(MemoryEstimatePropertyTest.class);
    private static final long SEED = 20_251_130L;
    private static final int INPUTS = 3000;
    private static final int BATCH = 500;
    private static final int WIDTH = 784;
    private static final BigInteger MAX_ARRAY = BigInteger.valueOf(MemoryEstimate.MAX_ARRAY_LENGTH);
    private static final long LIMIT = 6L << 30;

    @Test
    void everySpecIsRefusedWithTheProjectsExceptionOrEstimatedExactly() throws IOException {
        FuzzTally<RuntimeException> tally = new FuzzTally<>("memory-estimate", SEED, RuntimeException.class,
                RandomNetworks::unclearRefusal);
        SplittableRandom r = new SplittableRandom(SEED);
        int[] withinLimit = new int[1];
        RandomNetworks.Refusals refusals = new RandomNetworks.Refusals();
        for (int start = 0; start < INPUTS; start += BATCH) {
            int first = start;
            tally.inBatch(Duration.ofSeconds(30), () -> {
                for (int i = first; i < first + BATCH; i++) {
                    checkOne(r, i, tally, refusals, withinLimit);
                }
            });
        }
        tally.note(refusals.toString());
        tally.note(withinLimit[0] + " accepted specs needed at most " + MemoryEstimate.format(LIMIT));
        tally.finish(log);
        assertEquals(INPUTS, tally.inputs());
        assertTrue(tally.accepted() > INPUTS / 10 && tally.rejected() > INPUTS / 10,
                "both outcomes: " + tally.accepted() + " accepted, " + tally.rejected() + " rejected");
        assertTrue(withinLimit[0] > 0 && withinLimit[0] < tally.accepted(), "accepted below and above the limit");
    }

    private static void checkOne(SplittableRandom r, int index, FuzzTally<RuntimeException> tally,
                                 RandomNetworks.Refusals refusals, int[] withinLimit) {
        RandomNetworks.Drawn drawn = RandomNetworks.draw(r, index);
        ExperimentSpec spec = drawn.spec();
        MemoryEstimate.Footprint footprint = switch (r.nextInt(3)) {
            case 0 -> new MemoryEstimate.Footprint(6, true, 4, Math.max(spec.batchSize(), 256), true);
            case 1 -> new MemoryEstimate.Footprint(3, true, 4, Math.max(spec.batchSize(), 4096), false);
            default -> MemoryEstimate.Footprint.parameters(2);
        };
        List<FuzzTally.Input> given = List.of(new FuzzTally.Input("spec-" + index + ".yaml",
                SpecLoader.toYaml(spec).getBytes(StandardCharsets.UTF_8)));
        MemoryEstimate[] estimate = new MemoryEstimate[1];
        boolean[] validated = new boolean[1];
        tally.attempt(drawn.kind(), given, () -> refusals.count(() -> {
            SpecValidator.validate(spec, "spec-" + index + ".yaml");
            validated[0] = true;
            estimate[0] = MemoryEstimate.of(spec, WIDTH, footprint);
        }));
        BigInteger longest = longestArray(spec, footprint);
        boolean addressable = longest.compareTo(MAX_ARRAY) <= 0;
        if (validated[0] && (estimate[0] != null) != addressable) {
            tally.violation(drawn.kind(), given, "longest array " + longest + " values, yet "
                    + (estimate[0] != null ? "estimated" : "refused"));
        }
        if (estimate[0] == null) {
            return;
        }
        BigInteger expected = formula(spec, footprint);
        long bytes = estimate[0].bytes();
        if (!BigInteger.valueOf(bytes).equals(expected.min(BigInteger.valueOf(Long.MAX_VALUE)))) {
            tally.violation(drawn.kind(), given, "estimated " + bytes + " bytes, the formula gives " + expected);
        }
        boolean refused = false;
        try {
            estimate[0].requireWithin(LIMIT, "test", "the limit is " + MemoryEstimate.format(LIMIT));
        } catch (ResourceLimitException e) {
            refused = true;
            String problem = RandomNetworks.unclearRefusal(e, given);
            if (problem != null) {
                tally.violation(drawn.kind(), given, problem + ": " + e.getMessage());
            }
        }
        if (refused != expected.compareTo(BigInteger.valueOf(LIMIT)) > 0) {
            tally.violation(drawn.kind(), given, (refused ? "refused " : "accepted ") + expected + " bytes");
        }
        if (!refused) {
            withinLimit[0]++;
        }
    }

    /** The formula of {@link MemoryEstimate}, written out again in BigInteger. */
    private static BigInteger formula(ExperimentSpec spec, MemoryEstimate.Footprint f) {
        BigInteger state = BigInteger.valueOf(f.optimiserState() ? MemoryEstimate.stateCopies(spec.optimizer()) : 0);
        BigInteger rows = BigInteger.valueOf(f.rows());
        BigInteger total = BigInteger.ZERO;
        BigInteger width = BigInteger.valueOf(WIDTH);
        for (int i = 0; i < spec.network().size(); i++) {
            LayerSpec layer = spec.network().get(i);
            BigInteger parameters = BigInteger.ZERO;
            BigInteger trainable = BigInteger.ZERO;
            BigInteger activations = i == 0 ? BigInteger.valueOf(WIDTH) : BigInteger.ZERO;
            if (layer instanceof LayerSpec.Dense d) {
                BigInteger units = BigInteger.valueOf(d.units());
                parameters = width.multiply(units).add(units);
                trainable = parameters;
                width = units;
            } else if (layer instanceof LayerSpec.BatchNorm) {
                parameters = width.multiply(BigInteger.valueOf(4));
                trainable = width.multiply(BigInteger.TWO);
            }
            activations = activations.add(width);
            BigInteger values = f.activationCopies() == 0 ? BigInteger.ZERO
                    : rows.multiply(activations).multiply(BigInteger.valueOf(f.activationCopies()));
            total = total.add(parameters.multiply(BigInteger.valueOf(f.parameterCopies())))
                    .add(trainable.multiply(state)).add(values);
        }
        return total.multiply(BigInteger.valueOf(Float.BYTES));
    }

    /** The longest Java array the network has: weights, and with activations in arrays the rows of every width. */
    private static BigInteger longestArray(ExperimentSpec spec, MemoryEstimate.Footprint f) {
        BigInteger rows = BigInteger.valueOf(f.activationCopies() == 0 || !f.activationsInArrays() ? 0 : f.rows());
        BigInteger width = BigInteger.valueOf(WIDTH);
        BigInteger longest = rows.multiply(width);
        for (LayerSpec layer : spec.network()) {
            if (layer instanceof LayerSpec.Dense d) {
                BigInteger units = BigInteger.valueOf(d.units());
                longest = longest.max(width.multiply(units));
                width = units;
            }
            longest = longest.max(rows.multiply(width));
        }
        return longest;
    }
}
