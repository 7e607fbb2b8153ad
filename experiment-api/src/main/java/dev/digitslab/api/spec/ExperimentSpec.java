package dev.digitslab.api.spec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One experiment as data: what to train, on what, how. Loaded from YAML or JSON by {@link SpecLoader},
 * which also validates it ({@link SpecValidator}).
 *
 * <p><b>L2, precisely.</b> With coefficient λ = {@link #l2()}, the objective minimised is
 * <pre>  J = mean over the batch of the loss  +  (λ/2)·Σ w²</pre>
 * where the sum runs over the weights of every dense layer only: never biases, never batch-norm γ/β.
 * Its gradient λ·w is added to the loss gradient before the optimiser sees it (coupled L2, not
 * decoupled weight decay). This is Deeplearning4j's {@code l2(λ)} on weights with {@code l2Bias(0)}.
 * Reported losses are the data loss alone, without the penalty, so runs with and without L2 compare.
 *
 * <p><b>Batches.</b> Each epoch visits the training split in the order
 * {@link dev.digitslab.api.data.BatchOrder#permutation} gives for (seed, epoch), cut into consecutive
 * batches of {@link #batchSize()}; the last batch is smaller when the size does not divide the split.
 *
 * @param name      identifier, unique in a catalogue: lower-case letters, digits and dashes
 * @param title     one human-readable line
 * @param data      data set, task and split
 * @param network   layers in order; the last one is the output dense layer
 * @param loss      training loss; must match the task and the output activation
 * @param optimizer optimiser and its hyper-parameters
 * @param l2        L2 coefficient λ ≥ 0 as defined above (default 0)
 * @param init      weight initialisation (default {@link InitScheme#XAVIER})
 * @param batchSize examples per training batch
 * @param epochs    passes over the training split
 * @param seeds     one run per seed; a seed fixes split, initialisation, shuffling and dropout (default [42])
 */
public record ExperimentSpec(String name, String title, DataSpec data, List<LayerSpec> network,
                             LossKind loss, OptimizerSpec optimizer, Double l2, InitScheme init,
                             int batchSize, int epochs, List<Long> seeds) implements Serializable {

    public static final long DEFAULT_SEED = 42L;

    public ExperimentSpec {
        if (title == null) {
            title = name;
        }
        if (l2 == null) {
            l2 = 0.0;
        }
        if (init == null) {
            init = InitScheme.XAVIER;
        }
        if (seeds == null || seeds.isEmpty()) {
            seeds = List.of(DEFAULT_SEED);
        }
        // Copies that keep a null element (List.copyOf would throw), so SpecValidator can name it: "network[1]".
        network = network == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(network));
        seeds = Collections.unmodifiableList(new ArrayList<>(seeds));
    }

    public TaskSpec task() {
        return data.task();
    }

    public ExperimentSpec withEpochs(int newEpochs) {
        return new ExperimentSpec(name, title, data, network, loss, optimizer, l2, init, batchSize, newEpochs, seeds);
    }

    public ExperimentSpec withSeeds(List<Long> newSeeds) {
        return new ExperimentSpec(name, title, data, network, loss, optimizer, l2, init, batchSize, epochs, newSeeds);
    }

    public ExperimentSpec withData(DataSpec newData) {
        return new ExperimentSpec(name, title, newData, network, loss, optimizer, l2, init, batchSize, epochs, seeds);
    }

    public ExperimentSpec withBatchSize(int newBatchSize) {
        return new ExperimentSpec(name, title, data, network, loss, optimizer, l2, init, newBatchSize, epochs, seeds);
    }
}
