package dev.digitslab.api.testing;

import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.InvalidSpecException;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.spec.SpecValidator;
import dev.digitslab.api.train.ResourceLimitException;
import dev.digitslab.api.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;

/**
 * Seeded random multiclass specs whose sizes span from a few values to far beyond any machine, for the property
 * tests of the size checks (validation, {@code Trainer.requireFits}). Specs are built directly, not validated: the
 * tests validate them.
 */
public final class RandomNetworks {
    /** The kinds drawn, each a mutation label for {@link FuzzTally}. */
    public static final List<String> KINDS = List.of("small", "wide", "deep", "huge-batch", "extreme");

    private RandomNetworks() {
    }

    /** A spec and the kind of size it was drawn as. */
    public record Drawn(String kind, ExperimentSpec spec) {
    }

    /** One spec of a random kind. */
    public static Drawn draw(SplittableRandom r, int index) {
        String kind = KINDS.get(r.nextInt(KINDS.size()));
        return new Drawn(kind, draw(kind, r, index));
    }

    /** One spec of the given kind (one of {@link #KINDS}). */
    public static ExperimentSpec draw(String kind, SplittableRandom r, int index) {
        int hidden;
        int maxWidth;
        int batch;
        switch (kind) {
            case "small" -> {
                hidden = r.nextInt(4);
                maxWidth = 64;
                batch = 1 + r.nextInt(256);
            }
            case "wide" -> {
                hidden = 1 + r.nextInt(3);
                maxWidth = Integer.MAX_VALUE;
                batch = 1 + r.nextInt(256);
            }
            case "deep" -> {
                hidden = 1 + r.nextInt(200);
                maxWidth = 50_000;
                batch = 1 + r.nextInt(256);
            }
            case "huge-batch" -> {
                hidden = r.nextInt(3);
                maxWidth = 4096;
                batch = logUniform(r, Integer.MAX_VALUE);
            }
            case "extreme" -> {
                hidden = r.nextInt(6);
                maxWidth = Integer.MAX_VALUE;
                batch = r.nextBoolean() ? Integer.MAX_VALUE : logUniform(r, Integer.MAX_VALUE);
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        List<LayerSpec> network = new ArrayList<>();
        for (int i = 0; i < hidden; i++) {
            int width = kind.equals("extreme") && r.nextInt(3) == 0 ? Integer.MAX_VALUE - r.nextInt(16)
                    : logUniform(r, maxWidth);
            network.add(new LayerSpec.Dense(width, r.nextBoolean() ? Activation.RELU : Activation.IDENTITY));
            switch (r.nextInt(4)) {
                case 0 -> network.add(new LayerSpec.BatchNorm());
                case 1 -> network.add(new LayerSpec.Dropout(0.25));
                case 2 -> network.add(new LayerSpec.ActivationLayer(Activation.TANH));
                default -> { }
            }
        }
        network.add(new LayerSpec.Dense(10, Activation.SOFTMAX));
        OptimizerSpec optimizer = switch (r.nextInt(3)) {
            case 0 -> OptimizerSpec.sgd(0.01);
            case 1 -> OptimizerSpec.momentum(0.01, 0.9, r.nextBoolean());
            default -> OptimizerSpec.adam(1e-3);
        };
        return new ExperimentSpec("random-" + index, null, new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null),
                network, LossKind.CATEGORICAL_CROSS_ENTROPY, optimizer, 0.0, InitScheme.HE, batch, 1, null);
    }

    /** What an implementation's property test does with a random network both checks accepted. */
    @FunctionalInterface
    public interface Accepted {
        /** Builds (and perhaps trains or queries) the network if it is small enough; says whether it did. */
        boolean buildIfSmall(Drawn drawn, int index) throws Exception;
    }

    /** How many of {@link #refuseOrBuild}'s networks were refused and how many built. */
    public record Outcome(int inputs, int refused, int built) {
    }

    /**
     * The property test of one implementation's size checks: {@code inputs} seeded random networks, each refused by
     * validation or {@code trainer.requireFits} with the project's exception (a clear one-line message), or
     * accepted and handed to {@code accepted}. Counted and logged with {@link FuzzTally} under {@code name}.
     */
    public static Outcome refuseOrBuild(String name, long seed, int inputs, Duration budget, Trainer trainer,
                                        String builtNote, Accepted accepted, Logger log) throws IOException {
        FuzzTally<RuntimeException> tally = new FuzzTally<>(name, seed, RuntimeException.class,
                RandomNetworks::unclearRefusal);
        SplittableRandom r = new SplittableRandom(seed);
        int[] built = new int[1];
        Refusals refusals = new Refusals();
        tally.inBatch(budget, () -> {
            for (int n = 0; n < inputs; n++) {
                int i = n;
                Drawn drawn = draw(r, i);
                ExperimentSpec spec = drawn.spec();
                String file = "spec-" + i + ".yaml";
                List<FuzzTally.Input> given = List.of(new FuzzTally.Input(file,
                        SpecLoader.toYaml(spec).getBytes(StandardCharsets.UTF_8)));
                tally.attempt(drawn.kind(), given, () -> refusals.count(() -> {
                    SpecValidator.validate(spec, file);
                    trainer.requireFits(spec, 784);
                    if (accepted.buildIfSmall(drawn, i)) {
                        built[0]++;
                    }
                }));
            }
        });
        tally.note(refusals.toString());
        tally.note(built[0] + " accepted networks (" + builtNote + ") were built");
        tally.finish(log);
        return new Outcome(tally.inputs(), tally.rejected(), built[0]);
    }

    /** Counts the refusals of each of the project's two exceptions, for a fuzz summary. */
    public static final class Refusals {
        private int invalid;
        private int limited;

        /** Runs {@code attempt}, counting an {@link InvalidSpecException} or {@link ResourceLimitException} it throws. */
        public void count(FuzzTally.Attempt attempt) throws Exception {
            try {
                attempt.run();
            } catch (InvalidSpecException e) {
                invalid++;
                throw e;
            } catch (ResourceLimitException e) {
                limited++;
                throw e;
            }
        }

        @Override
        public String toString() {
            return invalid + " refused by validation (InvalidSpecException), " + limited
                    + " by the size checks (ResourceLimitException)";
        }
    }

    /**
     * For {@link FuzzTally}: what is unclear about a refusal of a random network, or null. Only the project's two
     * exceptions may refuse one: validation naming the batch size (the only size it checks), or a limit naming the
     * spec and a layer on one line.
     */
    public static String unclearRefusal(RuntimeException e, List<FuzzTally.Input> given) {
        String m = e.getMessage();
        if (e instanceof InvalidSpecException invalid) {
            return invalid.problems().stream().allMatch(p -> p.startsWith("batchSize: ")) ? null
                    : "a random size gave a problem that names no size field";
        }
        if (e instanceof ResourceLimitException) {
            return m.startsWith("spec random-") && m.matches(".*(dense|batch-norm|dropout|activation) layer \\d+ .*")
                    && !m.contains("\n") ? null : "does not name the spec and a layer on one line";
        }
        return "not the project's exception: " + e.getClass().getName();
    }

    /** A width or count from 1 to {@code max}, uniform in its logarithm (as many 10s as 10,000s). */
    public static int logUniform(SplittableRandom r, int max) {
        return (int) Math.max(1, Math.min(max, Math.round(Math.exp(r.nextDouble() * Math.log(max)))));
    }
}
