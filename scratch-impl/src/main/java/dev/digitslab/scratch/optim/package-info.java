/**
 * Optimisers as small swappable strategies (SGD, momentum / Nesterov, Adam), one class each, chosen from the
 * spec's optimiser by {@link dev.digitslab.scratch.optim.Optimizer#of}. Each keeps its state per parameter,
 * allocated once; gradients arrive with the L2 term already added.
 *
 * <p>May depend on: {@code dev.digitslab.scratch.nn} (parameters), {@code dev.digitslab.scratch.tensor},
 * {@code dev.digitslab.scratch.kernel}, {@code experiment-api}'s specs, the JDK.
 */
package dev.digitslab.scratch.optim;
