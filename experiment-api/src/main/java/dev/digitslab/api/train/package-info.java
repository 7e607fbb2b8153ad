/**
 * Training, shared by both implementations: the service each implementation provides ({@link
 * dev.digitslab.api.train.Trainer}, found by {@link dev.digitslab.api.train.Trainers}) and the model it builds
 * ({@link dev.digitslab.api.train.TrainableModel}, which offers one batch step); the one loop that drives every
 * model ({@link dev.digitslab.api.train.TrainingRun}: epochs, batches, divergence check, timing, evaluation);
 * and what a run reports ({@link dev.digitslab.api.train.EpochRecord}, {@link
 * dev.digitslab.api.train.TrainingResult}, {@link dev.digitslab.api.train.TrainingListener}, {@link
 * dev.digitslab.api.train.Scores}).
 *
 * <p>Depends on the other experiment-api packages (data, params, spec, stats) and the JDK only; the
 * implementations depend on it, never the other way round.
 */
package dev.digitslab.api.train;
