package dev.digitslab.scratch.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.scratch.kernel.KernelSelection.Choice;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    @Test
    void choosesVectorKernelsWhenTheModuleIsPresent() {
        assertEquals(Choice.VECTOR, KernelSelection.choose(true, null));
        assertEquals(Choice.VECTOR, KernelSelection.choose(true, "vector"));
    }

    @Test
    void fallsBackToScalarKernelsWithoutTheModule() {
        assertEquals(Choice.SCALAR, KernelSelection.choose(false, null));
        assertEquals(Choice.SCALAR, KernelSelection.choose(false, " "));
        assertEquals(Choice.SCALAR, KernelSelection.choose(false, "vector"));
    }

    @Test
    void propertyForcesScalarKernels() {
        assertEquals(Choice.SCALAR, KernelSelection.choose(true, "SCALAR"));
        assertInstanceOf(ScalarKernels.class, KernelSelection.load(Choice.SCALAR));
    }

    @Test
    void rejectsAnUnknownPropertyValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSelection.choose(true, "gpu"));
        assertTrue(e.getMessage().contains(KernelSelection.PROPERTY) && e.getMessage().contains("'gpu'"),
                e.getMessage());
    }

    @Test
    void thisTestJvmUsesTheVectorKernels() {
        // Surefire starts the JVM with --add-modules jdk.incubator.vector.
        assertTrue(KernelSelection.kernels().description().startsWith("Vector API"),
                KernelSelection.kernels().description());
    }

    @Test
    void workerPoolRejectsABadThreadCount() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }
}
