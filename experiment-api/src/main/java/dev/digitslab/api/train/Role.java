package dev.digitslab.api.train;

/**
 * Which side of the comparison an implementation stands on, so that code comparing the two asks for a role
 * rather than naming an implementation.
 */
public enum Role {
    /** The established library the other is measured against (Deeplearning4j). */
    REFERENCE,
    /** The implementation under test (the network written from scratch). */
    CANDIDATE
}
