package dev.digitslab.api.data;

import dev.digitslab.api.spec.TaskSpec;

/**
 * The three splits one run uses. The same (data spec, seed) always yields identical arrays in identical
 * order, so both implementations see exactly the same data.
 *
 * @param task       the task the labels belong to
 * @param seed       the seed the validation split (and subset) was drawn with
 * @param train      training split (official training set minus validation)
 * @param validation stratified hold-out from the official training set
 * @param test       the official test set (filtered to the task's digits)
 */
public record Splits(TaskSpec task, long seed, ImageSet train, ImageSet validation, ImageSet test) {
}
