package dev.digitslab.comparison.run;

import dev.digitslab.api.data.Splits;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Lockstep for one spec and seed: both implementations from the same initial parameters (the candidate's
 * initialisation, loaded into both) on the same batch sequence, their parameters compared after every epoch. Both
 * implementations in one task, because the start and the per-epoch snapshots are shared.
 */
public record LockstepTask(ExperimentSpec spec, long seed, int threads) implements RunTask {

    @Override
    public String label() {
        return spec.name() + "/lockstep/seed " + seed;
    }

    @Override
    public TaskOutcome execute(RunContext context) {
        Splits splits = context.splits().load(spec.data(), seed);
        Implementations implementations = context.implementations();
        ModelParameters start;
        try (TrainableModel model = implementations.candidate().create(spec, splits.train().featureCount(), seed,
                null, threads)) {
            start = model.parameters();
        }
        List<RunResult> runs = new ArrayList<>();
        List<List<ModelParameters>> snapshots = new ArrayList<>(); // per implementation, reference first
        for (Trainer trainer : implementations.both()) {
            List<ModelParameters> perEpoch = new ArrayList<>();
            TrainingListener capture = TrainingListener.all(context.listeners().forRun(spec, trainer.id(), seed),
                    new TrainingListener() {
                        @Override
                        public void onEpoch(EpochRecord record, TrainableModel model) {
                            perEpoch.add(model.parameters());
                        }
                    });
            TrainedRun run = TrainedRun.train(trainer, spec, splits, seed, start, threads, capture,
                    KeepOutputs.NOTHING);
            runs.add(run.result());
            if (!run.ok()) {
                break;
            }
            snapshots.add(perEpoch);
        }
        List<LockstepEpoch> epochs = snapshots.size() == 2 ? compare(runs, snapshots) : List.of();
        return new TaskOutcome(runs, List.of(), List.of(), epochs, List.of(),
                RunEnvironment.describe(implementations.both(), threads));
    }

    private static List<LockstepEpoch> compare(List<RunResult> runs, List<List<ModelParameters>> snapshots) {
        List<ModelParameters> r = snapshots.get(0);
        List<ModelParameters> c = snapshots.get(1);
        List<LockstepEpoch> epochs = new ArrayList<>();
        for (int e = 0; e < r.size(); e++) {
            EpochRecord rr = runs.get(0).history().get(e);
            EpochRecord cr = runs.get(1).history().get(e);
            double distance = r.get(e).distance(c.get(e));
            epochs.add(new LockstepEpoch(e + 1, distance, distance / r.get(e).norm(),
                    r.get(e).maxAbsDifference(c.get(e)), rr.trainingLoss(), cr.trainingLoss(), rr.validationLoss(),
                    cr.validationLoss()));
        }
        return epochs;
    }

    @Override
    public TaskOutcome failed(String reason) {
        return TaskOutcome.failedRuns(TrainedRun.failedForBoth(spec, seed, reason));
    }
}
