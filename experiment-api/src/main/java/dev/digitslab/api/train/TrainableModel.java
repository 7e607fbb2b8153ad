package dev.digitslab.api.train;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One network of one implementation: trained one batch at a time, queried, exported, saved. The loop over
 * epochs and batches is not here but in {@link TrainingRun}, the same for every implementation.
 */
public interface TrainableModel extends AutoCloseable {

    /** The spec this network was built from. */
    ExperimentSpec spec();

    /**
     * Called by {@link TrainingRun#trainEpoch} before an epoch's first batch, for whatever an implementation
     * fixes per epoch (e.g. reseeding a dropout generator from the seed and the epoch). Does nothing by default.
     *
     * @param epoch the epoch's number, from 1
     */
    default void startEpoch(int epoch) {
    }

    /**
     * One optimiser step on the batch of rows {@code order[from..to)} of {@code train}, at most the spec's
     * batch size of them. The model may reuse its buffers from one call to the next.
     *
     * @param order permutation of the training rows (from {@link dev.digitslab.api.data.BatchOrder})
     * @return the batch's mean data loss (without L2), computed at the weights before the step; may be NaN or
     *         infinite if training diverged, which {@link TrainingRun} reports (the step has then been taken)
     */
    double trainBatch(ImageSet train, int[] order, int from, int to);

    /** Output probabilities in inference mode (dropout off, batch norm on running statistics): (count, outputs). */
    float[] predict(ImageSet data);

    /** A copy of every parameter in the shared layout. */
    ModelParameters parameters();

    /** Saves the model (spec and parameters) so that {@link Trainer#load} restores it exactly. */
    void save(Path file) throws IOException;

    @Override
    default void close() {
    }
}
