package dev.digitslab.comparison.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;

/**
 * One epoch of the lockstep study, reference against candidate. (In results.json the losses keep the names of
 * the implementations that hold the roles.)
 *
 * @param parameterDistance     ‖θ_reference − θ_candidate‖₂ after the epoch
 * @param relativeDistance      that distance over ‖θ_reference‖₂
 * @param maxAbsParameterDiff   largest |Δθ| of any single parameter
 * @param referenceTrainingLoss the reference's mean batch loss during the epoch
 * @param candidateTrainingLoss the candidate's mean batch loss during the epoch
 */
@JsonPropertyOrder({"epoch", "parameterDistance", "relativeDistance", "maxAbsParameterDiff", "frameworkTrainingLoss",
        "scratchTrainingLoss", "frameworkValidationLoss", "scratchValidationLoss"}) // as saved so far
public record LockstepEpoch(int epoch, double parameterDistance, double relativeDistance, double maxAbsParameterDiff,
                            @JsonProperty("frameworkTrainingLoss") double referenceTrainingLoss,
                            @JsonProperty("scratchTrainingLoss") double candidateTrainingLoss,
                            @JsonProperty("frameworkValidationLoss") double referenceValidationLoss,
                            @JsonProperty("scratchValidationLoss") double candidateValidationLoss)
        implements Serializable {
}
