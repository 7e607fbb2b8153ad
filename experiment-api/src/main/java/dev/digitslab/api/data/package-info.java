/**
 * The data contract both implementations read: {@link dev.digitslab.api.data.ImageSet} (labelled images as
 * floats in [0, 1]), {@link dev.digitslab.api.data.Splits} (train / validation / test of one run) and
 * {@link dev.digitslab.api.data.BatchOrder} (the seed-derived order an epoch visits the training split).
 *
 * <p>May depend on: the JDK and {@code dev.digitslab.api.spec} (a split records its task) and
 * {@code dev.digitslab.api.seed}. Nothing here reads files; {@code datasets} builds these.
 */
package dev.digitslab.api.data;
