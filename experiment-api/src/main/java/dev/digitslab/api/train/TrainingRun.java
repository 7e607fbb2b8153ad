package dev.digitslab.api.train;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one training loop: the same for both implementations, so that batch order, timing and evaluation
 * cannot differ between them. Per epoch: shuffle by {@link BatchOrder}, train (timed alone), evaluate on a
 * fixed sample of the training split and on the whole validation split with {@link Scores}, report.
 */
public final class TrainingRun {
    /**
     * Train metrics per epoch are computed on at most this many training images (a fixed, seed-derived
     * sample, the same for every epoch and both implementations), which keeps per-epoch evaluation
     * cheap while estimating the train/validation gap closely.
     */
    public static final int TRAIN_EVALUATION_LIMIT = 10_000;

    private TrainingRun() {
    }

    /** Trains a new model and closes it. */
    public static TrainingResult run(Trainer trainer, ExperimentSpec spec, Splits splits, long seed,
                                     ModelParameters initial, TrainingListener listener) {
        return run(trainer, spec, splits, seed, initial, listener, model -> { });
    }

    /**
     * Trains a new model; {@code beforeClose} sees the trained model (e.g. to save it) before it is closed.
     *
     * @param initial starting parameters, or null for the spec's random initialisation
     */
    public static TrainingResult run(Trainer trainer, ExperimentSpec spec, Splits splits, long seed,
                                     ModelParameters initial, TrainingListener listener,
                                     Consumer<TrainableModel> beforeClose) {
        ImageSet train = splits.train();
        if (spec.batchSize() > train.count()) {
            throw new IllegalArgumentException("spec " + spec.name() + ": batchSize " + spec.batchSize()
                    + " is larger than the training split (" + train.count() + " images)");
        }
        ImageSet trainSample = sample(train, TRAIN_EVALUATION_LIMIT, seed);
        int outputs = train.outputCount();
        List<EpochRecord> history = new ArrayList<>();
        try (TrainableModel model = trainer.create(spec, train.featureCount(), seed, initial)) {
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                int[] order = BatchOrder.permutation(seed, epoch, train.count());
                long start = System.nanoTime();
                double trainingLoss = model.trainEpoch(train, order, epoch, listener);
                double seconds = (System.nanoTime() - start) / 1e9;

                float[] trainProbs = model.predict(trainSample);
                float[] validationProbs = model.predict(splits.validation());
                EpochRecord record = new EpochRecord(epoch, seconds, trainingLoss,
                        Scores.loss(trainProbs, outputs, trainSample.labels()),
                        Scores.accuracy(trainProbs, outputs, trainSample.labels()),
                        Scores.loss(validationProbs, outputs, splits.validation().labels()),
                        Scores.accuracy(validationProbs, outputs, splits.validation().labels()));
                history.add(record);
                listener.onEpoch(record, model);
            }
            float[] testProbs = model.predict(splits.test());
            TrainingResult result = new TrainingResult(trainer.id(), seed, history, testProbs, model.parameters());
            beforeClose.accept(model);
            return result;
        }
    }

    /** The first {@code limit} rows of a seed-derived permutation (epoch 0 is never a training epoch). */
    static ImageSet sample(ImageSet set, int limit, long seed) {
        if (set.count() <= limit) {
            return set;
        }
        int[] order = BatchOrder.permutation(seed, 0, set.count());
        int n = limit;
        float[] features = new float[n * set.featureCount()];
        int[] labels = new int[n];
        byte[] digits = new byte[n];
        set.gatherFeatures(order, 0, n, features);
        for (int i = 0; i < n; i++) {
            labels[i] = set.labels()[order[i]];
            digits[i] = set.digits()[order[i]];
        }
        return new ImageSet(features, labels, digits, n, set.featureCount(), set.classCount());
    }
}
