package dev.digitslab.comparison.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.digitslab.api.spec.SpecName;

/** How a study runs its specs; written {@code comparison}, {@code weight-transfer} or {@code lockstep}. */
public enum StudyKind implements SpecName {
    /** Every spec trained by both implementations, once per seed, on identical splits. */
    COMPARISON,
    /** One implementation's trained parameters run through the other's forward pass, both ways. */
    WEIGHT_TRANSFER,
    /** Both implementations from the same initial parameters on the same batch sequence. */
    LOCKSTEP;

    @JsonCreator
    public static StudyKind fromId(String id) {
        return SpecName.fromId(StudyKind.class, id, "study kind");
    }
}
