package dev.digitslab.framework.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BlasKernelChoiceTest {
    private static final Optional<CpuFeatures> AVX512 = CpuFeatures.parse(
            "vendor_id\t: GenuineIntel\nflags\t\t: avx avx2 fma avx512f avx512cd avx512bw avx512dq avx512vl\n");

    @Test
    void aCoreTypeInTheEnvironmentIsLeftAsItIs() {
        BlasKernelChoice.Choice choice = BlasKernelChoice.decide(Map.of("OPENBLAS_CORETYPE", "Prescott")::get, "auto",
                AVX512);
        assertEquals("Prescott", choice.coreType());
        assertTrue(choice.reason().contains("left as it is"), choice.reason());
    }

    @Test
    void anL2SizeInTheEnvironmentAlsoMeansHandsOff() {
        BlasKernelChoice.Choice choice = BlasKernelChoice.decide(Map.of("OPENBLAS_L2_SIZE", "1048576")::get, "auto",
                AVX512);
        assertNull(choice.coreType());
        assertTrue(choice.reason().contains("OPENBLAS_L2_SIZE=1048576"), choice.reason());
    }

    @Test
    void thePropertyCanAskForOpenBlasOwnChoice() {
        BlasKernelChoice.Choice choice = BlasKernelChoice.decide(Map.<String, String>of()::get, "openblas", AVX512);
        assertNull(choice.coreType());
        assertTrue(choice.reason().startsWith("OpenBLAS's own choice"), choice.reason());
    }

    @Test
    void aChildKilledByTheCpuFailsTheCheckAndSaysWhy() {
        SelfCheck.Verdict verdict = BlasKernelChoice.interpret("SkylakeX", 134, List.of("Core: SkylakeX",
                "# A fatal error has been detected by the Java Runtime Environment:", "#  SIGILL (0x4) at pc=0x7f"));
        assertFalse(verdict.passed());
        assertTrue(verdict.detail().contains("exit code 134"), verdict.detail());
    }

    @Test
    void wrongResultsFailTheCheck() {
        SelfCheck.Verdict verdict = BlasKernelChoice.interpret("Haswell", 1, List.of("Core: Haswell",
                "failed SGEMM 67x129x71: C[0,0] = 3.0, expected 1.0 ± 1e-5"));
        assertFalse(verdict.passed());
        assertTrue(verdict.detail().startsWith("SGEMM 67x129x71"), verdict.detail());
    }

    @Test
    void kernelsOtherThanTheCandidateFailTheCheck() {
        SelfCheck.Verdict verdict = BlasKernelChoice.interpret("SkylakeX", 0, List.of("Core: Prescott",
                "passed 25.0"));
        assertFalse(verdict.passed());
        assertTrue(verdict.detail().contains("Prescott"), verdict.detail());
    }

    @Test
    void theOpenBlasNd4jLoadsRunsTheKernelsThisJvmChose() {
        // The test JVM chose at session start (PrepareNativeRuntimeFirst), before anything loaded ND4J.
        BlasKernelChoice.Choice choice = BlasKernelChoice.current();
        assertNotNull(choice);
        Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}).mmul(Nd4j.eye(2).castTo(DataType.FLOAT));
        Optional<String> running = LoadedOpenBlas.coreName();
        assertTrue(running.isPresent(), "openblas_get_corename could not be asked");
        if (choice.coreType() != null) {
            assertEquals(choice.coreType().toLowerCase(Locale.ROOT), running.get().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void theOldestKernelsPassTheRealSelfCheckOnAnyX86Cpu() {
        SelfCheck.Verdict verdict = BlasKernelChoice.selfCheck("Prescott");
        assertTrue(verdict.passed(), verdict.detail());
        assertTrue(verdict.detail().contains("GFLOP/s"), verdict.detail());
    }

    @Test
    void avx512KernelsPassTheRealSelfCheckExactlyWhenTheCpuHasAvx512() {
        // On an AVX2 machine SkylakeX's kernels stop the child JVM with SIGILL; on an AVX-512 one they pass.
        Optional<CpuFeatures> cpu = CpuFeatures.ofThisMachine();
        boolean avx512 = cpu.flatMap(BlasCoreType::forCpu).filter("SkylakeX"::equals).isPresent();
        SelfCheck.Verdict verdict = BlasKernelChoice.selfCheck("SkylakeX");
        assertEquals(avx512, verdict.passed(), verdict.detail());
    }
}
