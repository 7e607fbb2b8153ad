package dev.digitslab.api.train;

/** Progress callbacks; both default to doing nothing. Called on the training thread. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * After each optimiser step.
     *
     * @param batch     index of the batch in the epoch, from 0
     * @param batches   batches in the epoch
     * @param batchLoss the batch's mean data loss
     */
    default void onBatch(int epoch, int batch, int batches, double batchLoss) {
    }

    /** After each epoch has been trained and evaluated. */
    default void onEpoch(EpochRecord record) {
    }

    /**
     * After each epoch, with the model itself, for observers that need more than the record (e.g. the
     * lockstep study reads the parameters). The model must not be trained or closed here.
     */
    default void onEpoch(EpochRecord record, TrainableModel model) {
        onEpoch(record);
    }

    /** A listener that forwards every call to each of {@code listeners}, in order. */
    static TrainingListener all(TrainingListener... listeners) {
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double batchLoss) {
                for (TrainingListener l : listeners) {
                    l.onBatch(epoch, batch, batches, batchLoss);
                }
            }

            @Override
            public void onEpoch(EpochRecord record, TrainableModel model) {
                for (TrainingListener l : listeners) {
                    l.onEpoch(record, model);
                }
            }
        };
    }
}
