/**
 * Training, shared by both implementations: the service each implementation provides ({@link
 * dev.digitslab.api.train.Trainer}, found by {@link dev.digitslab.api.train.Trainers}) and the model it builds
 * ({@link dev.digitslab.api.train.TrainableModel}, which offers one batch step); the one loop that drives every
 * model ({@link dev.digitslab.api.train.TrainingRun}: epochs, batches, divergence check, timing, evaluation);
 * what a run reports ({@link dev.digitslab.api.train.EpochRecord}, {@link
 * dev.digitslab.api.train.TrainingResult}, {@link dev.digitslab.api.train.TrainingListener}, {@link
 * dev.digitslab.api.train.Scores}); and whether a network fits before it is built ({@link
 * dev.digitslab.api.train.MemoryEstimate}, one formula with each implementation's factors, and {@link
 * dev.digitslab.api.train.ResourceLimitException}).
 *
 * <p>Depends on the other experiment-api packages (data, params, spec, stats) and the JDK only; the
 * implementations depend on it, never the other way round.
 */
package dev.digitslab.api.train;
