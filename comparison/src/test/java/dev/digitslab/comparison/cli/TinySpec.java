package dev.digitslab.comparison.cli;

/** The smallest network the CLI tests train: 784-4(ReLU)-10, Adam 0.01, batch 50, one epoch, seed 1. */
final class TinySpec {
    private static final String YAML = """
            name: %s
            data: {dataset: %s, task: {kind: multiclass}}
            network:
              - {type: dense, units: 4, activation: relu}
              - {type: dense, units: 10, activation: softmax}
            loss: categorical-cross-entropy
            optimizer: {kind: adam, learningRate: 0.01}
            batchSize: 50
            epochs: 1
            seeds: [1]
            """;

    private TinySpec() {
    }

    /** The spec file's text, on MNIST. */
    static String yaml(String name) {
        return yaml(name, "mnist");
    }

    /** The spec file's text, on the data set named (which need not exist: some tests want it refused). */
    static String yaml(String name, String dataset) {
        return YAML.formatted(name, dataset);
    }
}
