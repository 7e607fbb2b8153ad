package dev.digitslab.api.testing;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Specs the implementations' tests share, so both are held to exactly the same experiment. */
public final class ReferenceSpecs {
    private ReferenceSpecs() {
    }

    /**
     * 784-128(ReLU)-10(softmax), Adam 1e-3, batch 128, 3 epochs, seeds 42-46: the issue's ≥ 96.5% accuracy bar,
     * which the mean over its seeds must reach (one seed varies by about ±0.2 points).
     */
    public static ExperimentSpec mlp128ThreeEpochs() {
        return load("mlp-784-128-10-adam-3-epochs.yaml");
    }

    /**
     * 784 → {@code units} (ReLU) → 10 (softmax), Adam 1e-3, batch 32, 1 epoch, named {@code big}: the network of the
     * size-limit issue, whose width the tests choose.
     */
    public static ExperimentSpec oneHiddenLayer(int units) {
        return oneHiddenLayer("big", units, 1);
    }

    /** 784 → {@code units} (ReLU) → 10 (softmax), Adam 1e-3, batch 32, seed 1: wider and longer runs are slower. */
    public static ExperimentSpec oneHiddenLayer(String name, int units, int epochs) {
        return SpecLoader.parseYaml("""
                name: %s
                data: {dataset: mnist, task: {kind: multiclass}}
                network:
                  - {type: dense, units: %d, activation: relu}
                  - {type: dense, units: 10, activation: softmax}
                loss: categorical-cross-entropy
                optimizer: {kind: adam, learningRate: 0.001}
                batchSize: 32
                epochs: %d
                seeds: [1]
                """.formatted(name, units, epochs), name + ".yaml");
    }

    private static ExperimentSpec load(String file) {
        try (InputStream in = ReferenceSpecs.class.getResourceAsStream("/reference/" + file)) {
            if (in == null) {
                throw new IllegalStateException("test resource /reference/" + file + " is missing");
            }
            return SpecLoader.load(in, "reference/" + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
