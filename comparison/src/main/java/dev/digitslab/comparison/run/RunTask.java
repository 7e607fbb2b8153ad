package dev.digitslab.comparison.run;

import dev.digitslab.api.spec.ExperimentSpec;
import java.io.Serializable;

/**
 * One self-contained unit of work: data in (the spec with this run's overrides applied, the seed, the threads to
 * compute with), a {@link TaskOutcome} out. A task holds no reference to the driver's state, so any executor can
 * run it: a thread of this JVM ({@link LocalExecutor}) or a Spark executor on another machine. It finds
 * implementations and data through the {@link RunContext} of the JVM it runs in.
 */
public sealed interface RunTask extends Serializable permits TrainTask, TransferTask, LockstepTask {

    ExperimentSpec spec();

    long seed();

    /** The threads each model of the task computes with: its share of the cores of the machine that runs it. */
    int threads();

    /** For logs and errors, e.g. "multiclass/framework/seed 42". */
    String label();

    /** Runs the task in this JVM. A run that fails (e.g. diverges) is a failed run in the outcome, not an exception. */
    TaskOutcome execute(RunContext context);

    /** The outcome when the task could not run at all: every run it would have made, failed with {@code reason}. */
    TaskOutcome failed(String reason);
}
