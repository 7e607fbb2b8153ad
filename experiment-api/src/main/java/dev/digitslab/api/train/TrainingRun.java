package dev.digitslab.api.train;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.seed.SeedStream;
import dev.digitslab.api.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one training loop, the same for both implementations, so that batch order, loss bookkeeping, timing and
 * evaluation cannot differ between them. {@link #run} goes over the epochs: shuffle by {@link BatchOrder},
 * train one pass ({@link #trainEpoch}, timed alone), evaluate on a fixed sample of the training split and on the
 * whole validation split with {@link Scores}, record. {@link #trainEpoch} goes over one epoch's batches: one
 * {@link TrainableModel#trainBatch} step each, stopping at the first non-finite loss.
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

    /** Trains a new model with the trainer's default threads and closes it. */
    public static TrainingResult run(Trainer trainer, ExperimentSpec spec, Splits splits, long seed,
                                     ModelParameters initial, TrainingListener listener) {
        return run(trainer, spec, splits, seed, initial, trainer.defaultThreads(), listener, model -> { });
    }

    /**
     * Trains a new model; {@code beforeClose} sees the trained model (e.g. to save it) before it is closed.
     *
     * @param initial starting parameters, or null for the spec's random initialisation
     * @param threads the threads the model computes with ({@link Trainer#create})
     */
    public static TrainingResult run(Trainer trainer, ExperimentSpec spec, Splits splits, long seed,
                                     ModelParameters initial, int threads, TrainingListener listener,
                                     Consumer<TrainableModel> beforeClose) {
        ImageSet train = splits.train();
        if (spec.batchSize() > train.count()) {
            throw new IllegalArgumentException("spec " + spec.name() + ": batchSize " + spec.batchSize()
                    + " is larger than the training split (" + train.count() + " images)");
        }
        ImageSet trainSample = sample(train, TRAIN_EVALUATION_LIMIT, seed);
        List<EpochRecord> history = new ArrayList<>();
        try (TrainableModel model = trainer.create(spec, train.featureCount(), seed, initial, threads)) {
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                int[] order = BatchOrder.permutation(seed, epoch, train.count());
                long start = System.nanoTime();
                double trainingLoss = trainEpoch(model, train, order, epoch, listener);
                double seconds = (System.nanoTime() - start) / 1e9;
                EpochRecord record = evaluate(model, epoch, seconds, trainingLoss, trainSample, splits.validation());
                history.add(record);
                listener.onEpoch(record, model);
            }
            float[] testProbs = model.predict(splits.test());
            TrainingResult result = new TrainingResult(trainer.id(), seed, history, testProbs, model.parameters());
            beforeClose.accept(model);
            return result;
        }
    }

    /**
     * One pass over {@code train} in the given order, cut into consecutive batches of the spec's batch size (the
     * last may be shorter), one {@link TrainableModel#trainBatch} step per batch, each reported to the listener.
     * {@link #run} calls it once per epoch; tests and benchmarks call it to train a model they hold.
     *
     * @param order permutation of the training rows (from {@link BatchOrder})
     * @param epoch the epoch's number, from 1, for {@link TrainableModel#startEpoch}, the listener and errors
     * @return the mean data loss (without L2) over the epoch's examples: each batch's loss weighted by its rows
     * @throws TrainingDivergedException as soon as a batch loss is NaN or infinite
     */
    public static double trainEpoch(TrainableModel model, ImageSet train, int[] order, int epoch,
                                    TrainingListener listener) {
        int count = train.count();
        if (order.length != count) {
            throw new IllegalArgumentException("order has " + order.length + " entries for " + count
                    + " training images");
        }
        int batchSize = model.spec().batchSize();
        int batches = BatchOrder.batchCount(count, batchSize);
        model.startEpoch(epoch);
        double lossSum = 0;
        for (int batch = 0; batch < batches; batch++) {
            int from = batch * batchSize;
            int to = Math.min(count, from + batchSize);
            double batchLoss = model.trainBatch(train, order, from, to);
            TrainingDivergedException.requireFinite(batchLoss, epoch, batch);
            listener.onBatch(epoch, batch, batches, batchLoss);
            lossSum += batchLoss * (to - from);
        }
        return lossSum / count;
    }

    /** The epoch's record: the training figures plus inference-mode scores on both evaluation sets. */
    private static EpochRecord evaluate(TrainableModel model, int epoch, double seconds, double trainingLoss,
                                        ImageSet trainSample, ImageSet validation) {
        int outputs = trainSample.outputCount();
        float[] trainProbs = model.predict(trainSample);
        float[] validationProbs = model.predict(validation);
        return new EpochRecord(epoch, seconds, trainingLoss,
                Scores.loss(trainProbs, outputs, trainSample.labels()),
                Scores.accuracy(trainProbs, outputs, trainSample.labels()),
                Scores.loss(validationProbs, outputs, validation.labels()),
                Scores.accuracy(validationProbs, outputs, validation.labels()));
    }

    /** The first {@code limit} rows of a permutation drawn from the seed's own train-sample stream. */
    static ImageSet sample(ImageSet set, int limit, long seed) {
        if (set.count() <= limit) {
            return set;
        }
        int[] order = BatchOrder.permutation(seed, SeedStream.Purpose.TRAIN_SAMPLE, 0, set.count());
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
