package dev.digitslab.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpecNameTest {

    @Test
    void anIdIsTheConstantsNameInLowerCaseWithDashes() {
        assertEquals("xavier-uniform", InitScheme.XAVIER_UNIFORM.id());
        assertEquals("binary-cross-entropy", LossKind.BINARY_CROSS_ENTROPY.id());
        assertEquals("relu", Activation.RELU.id());
        assertEquals("momentum", OptimizerSpec.Kind.MOMENTUM.id());
    }

    @Test
    void readsAnIdIgnoringCase() {
        assertEquals(InitScheme.HE_UNIFORM, InitScheme.fromId("He-Uniform"));
        assertEquals(Activation.TANH, Activation.fromId("TANH"));
    }

    @Test
    void anUnknownIdNamesWhatWasExpectedAndListsTheIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecName.fromId(InitScheme.class, "glorot", "weight initialisation"));
        assertEquals("unknown weight initialisation 'glorot' (expected one of: xavier, xavier-uniform, he, he-uniform)",
                e.getMessage());
    }
}
