/**
 * Seeds of the random streams a run needs, all derived from the run's one seed by
 * {@link dev.digitslab.api.seed.SeedStream}: splits, batch order, training sample, initial weights, dropout.
 * Depends on nothing but the JDK.
 */
package dev.digitslab.api.seed;
