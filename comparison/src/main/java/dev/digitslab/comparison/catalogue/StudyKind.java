package dev.digitslab.comparison.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How a study runs its specs. */
public enum StudyKind {
    /** Every spec trained by both implementations, once per seed, on identical splits. */
    COMPARISON("comparison"),
    /** One implementation's trained parameters run through the other's forward pass, both ways. */
    WEIGHT_TRANSFER("weight-transfer"),
    /** Both implementations from the same initial parameters on the same batch sequence. */
    LOCKSTEP("lockstep");

    private final String id;

    StudyKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static StudyKind fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown study kind '" + id + "' (expected one of: "
                        + Arrays.stream(values()).map(StudyKind::id).collect(Collectors.joining(", ")) + ")"));
    }
}
