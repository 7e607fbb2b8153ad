package dev.digitslab.comparison.run;

import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.Trainer;
import java.util.List;

/**
 * One implementation trained on one spec with one seed: the task of a comparison study.
 *
 * @param implementation the trainer's id ({@code framework}, {@code scratch})
 * @param keep           whether to keep the most confident mistakes (the first seed's runs) and the model file
 */
public record TrainTask(ExperimentSpec spec, String implementation, long seed, int threads, KeepOutputs keep)
        implements RunTask {

    @Override
    public String label() {
        return spec.name() + "/" + implementation + "/seed " + seed;
    }

    @Override
    public TaskOutcome execute(RunContext context) {
        Trainer trainer = context.implementations().byId(implementation);
        Splits splits = context.splits().load(spec.data(), seed);
        TrainedRun run = TrainedRun.train(trainer, spec, splits, seed, null, threads,
                context.listeners().forRun(spec, implementation, seed), keep);
        return new TaskOutcome(List.of(run.result()),
                run.ok() ? List.of(run.predictions(splits.test())) : List.of(), List.of(), List.of(),
                run.model() == null ? List.of() : List.of(run.model()),
                RunEnvironment.describe(List.of(trainer), threads));
    }

    @Override
    public TaskOutcome failed(String reason) {
        return TaskOutcome.failedRuns(List.of(TrainedRun.failed(spec, implementation, seed, reason, List.of())));
    }
}
