package dev.digitslab.api.spec;

import java.io.Serializable;

/**
 * Which data an experiment uses and how it is split.
 *
 * @param dataset            the data set's name; {@code mnist} is the only one resolved automatically
 * @param task               what is predicted
 * @param validationFraction fraction of the official training set held out for validation, stratified
 *                           by class, in (0, 1); default {@value #DEFAULT_VALIDATION_FRACTION}
 * @param subset             if set, a stratified subset of this many images of the official training
 *                           set (before the validation split), for quick runs; the test set is always
 *                           the full official test set
 */
public record DataSpec(String dataset, TaskSpec task, Double validationFraction, Integer subset)
        implements Serializable {
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    public DataSpec {
        if (dataset == null) {
            dataset = "mnist";
        }
        if (validationFraction == null) {
            validationFraction = DEFAULT_VALIDATION_FRACTION;
        }
    }

    public DataSpec withSubset(Integer newSubset) {
        return new DataSpec(dataset, task, validationFraction, newSubset);
    }
}
