/**
 * The data contract both implementations train on: {@link dev.digitslab.api.data.ImageSet} (images as float
 * rows with labels), {@link dev.digitslab.api.data.Splits} (train / validation / test) and
 * {@link dev.digitslab.api.data.BatchOrder} (the seeded order an epoch visits them in).
 * Depends on {@code dev.digitslab.api.spec} (tasks) and {@code dev.digitslab.api.seed}.
 */
package dev.digitslab.api.data;
