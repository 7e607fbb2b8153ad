/**
 * Running studies as units of work. {@link dev.digitslab.comparison.run.StudyRunner} plans each study as
 * {@link dev.digitslab.comparison.run.RunTask}s (train one implementation on one spec and seed; weight transfer and
 * lockstep, which need both implementations, as one task each), hands every task to a
 * {@link dev.digitslab.comparison.run.TaskExecutor} and assembles the studies' results from the
 * {@link dev.digitslab.comparison.run.TaskOutcome}s in plan order, whatever order they finish in. Tasks and outcomes
 * are serialisable data that hold nothing of the driver: a task finds implementations and splits through the
 * {@link dev.digitslab.comparison.run.RunContext} of the JVM it runs in. The
 * {@link dev.digitslab.comparison.run.LocalExecutor} runs tasks on threads of this JVM, each with its share of the
 * cores; other engines (Spark) plug in through {@link dev.digitslab.comparison.run.ExecutorProvider}.
 * {@link dev.digitslab.comparison.run.Implementations} gives the two implementations by role (reference, candidate)
 * as the ServiceLoader finds them, so nothing here names them.
 *
 * <p>Depends on the experiment API, {@code catalogue}, {@code eval} and {@code results}; not on {@code report} or
 * {@code cli}. Writes only trained models (where the options say), on the driver.
 */
package dev.digitslab.comparison.run;
