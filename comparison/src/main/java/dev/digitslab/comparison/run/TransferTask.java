package dev.digitslab.comparison.run;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.comparison.results.TransferResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Weight transfer for one spec and seed: trains it with both implementations, then runs each one's trained
 * parameters through the other's forward pass on the test split. Both implementations in one task, because the
 * parameters go from one to the other.
 *
 * @param keep what the two training runs keep (mistakes, model files)
 */
public record TransferTask(ExperimentSpec spec, long seed, int threads, KeepOutputs keep) implements RunTask {

    @Override
    public String label() {
        return spec.name() + "/weight transfer/seed " + seed;
    }

    @Override
    public TaskOutcome execute(RunContext context) {
        Splits splits = context.splits().load(spec.data(), seed);
        Implementations implementations = context.implementations();
        List<TrainedRun> trained = new ArrayList<>();
        for (Trainer source : implementations.both()) {
            trained.add(TrainedRun.train(source, spec, splits, seed, null, threads,
                    context.listeners().forRun(spec, source.id(), seed), keep));
        }
        List<TransferResult> transfers = new ArrayList<>();
        for (TrainedRun source : trained) {
            if (source.ok()) {
                Trainer target = implementations.other(source.result().implementation());
                transfers.add(transfer(source, target, splits.test()));
            }
        }
        return new TaskOutcome(trained.stream().map(TrainedRun::result).toList(), List.of(), transfers, List.of(),
                trained.stream().filter(t -> t.model() != null).map(TrainedRun::model).toList(),
                RunEnvironment.describe(implementations.both(), threads));
    }

    private TransferResult transfer(TrainedRun source, Trainer target, ImageSet test) {
        float[] sourceProbs = source.training().testProbabilities();
        float[] targetProbs;
        try (TrainableModel model = target.create(spec, test.featureCount(), seed, source.training().parameters(),
                threads)) {
            targetProbs = model.predict(test);
        }
        int outputs = test.outputCount();
        int[] labels = test.labels();
        int[] a = Scores.predictedClasses(sourceProbs, outputs);
        int[] b = Scores.predictedClasses(targetProbs, outputs);
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        double maxDiff = 0;
        for (int i = 0; i < sourceProbs.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(sourceProbs[i] - targetProbs[i]));
        }
        return new TransferResult(spec.name(), seed, source.result().implementation(), target.id(), labels.length,
                maxDiff, differing, Scores.accuracy(sourceProbs, outputs, labels),
                Scores.accuracy(targetProbs, outputs, labels));
    }

    @Override
    public TaskOutcome failed(String reason) {
        return TaskOutcome.failedRuns(TrainedRun.failedForBoth(spec, seed, reason));
    }
}
