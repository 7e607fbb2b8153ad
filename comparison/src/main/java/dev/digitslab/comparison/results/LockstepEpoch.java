package dev.digitslab.comparison.results;

/**
 * One epoch of the lockstep study.
 *
 * @param parameterDistance     ‖θ_framework − θ_scratch‖₂ after the epoch
 * @param relativeDistance      that distance over ‖θ_framework‖₂
 * @param maxAbsParameterDiff   largest |Δθ| of any single parameter
 * @param frameworkTrainingLoss framework's mean batch loss during the epoch
 * @param scratchTrainingLoss   scratch's mean batch loss during the epoch
 */
public record LockstepEpoch(int epoch, double parameterDistance, double relativeDistance, double maxAbsParameterDiff,
                            double frameworkTrainingLoss, double scratchTrainingLoss,
                            double frameworkValidationLoss, double scratchValidationLoss) {
}
