package dev.digitslab.api.train;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import java.io.IOException;
import java.nio.file.Path;

/** One network of one implementation: trained an epoch at a time, queried, exported, saved. */
public interface TrainableModel extends AutoCloseable {

    /** The spec this network was built from. */
    ExperimentSpec spec();

    /**
     * One pass over {@code train} in the given order, cut into consecutive batches of the spec's batch
     * size (the last may be shorter), one optimiser step per batch. Reports every batch to the listener.
     *
     * @param order permutation of the training rows (from {@link dev.digitslab.api.data.BatchOrder})
     * @param epoch the epoch's number, from 1, for listener calls and error messages
     * @return the mean data loss (without L2) over the epoch's examples, as computed during training
     * @throws TrainingDivergedException as soon as a batch loss is NaN or infinite
     */
    double trainEpoch(ImageSet train, int[] order, int epoch, TrainingListener listener);

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
