package dev.digitslab.framework.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class NativeVariantChoiceTest {
    private static final Optional<String> LINUX = Optional.of("linux-x86_64");
    private static final String HASWELL_FLAGS = "sse4_2 avx avx2 fma f16c bmi1 bmi2";
    private static final String SKYLAKE_X_FLAGS = HASWELL_FLAGS + " avx512f avx512cd avx512bw avx512dq avx512vl";

    private static Optional<CpuFeatures> cpu(String flags) {
        return CpuFeatures.parse("vendor_id\t: GenuineIntel\nflags\t\t: " + flags + "\n");
    }

    @Test
    void javacppsOwnExtensionSettingIsLeftAsItIs() {
        NativeVariantChoice.Choice choice = NativeVariantChoice.decide("-avx512", "auto", cpu(HASWELL_FLAGS), LINUX,
                p -> true, (v, c) -> new SelfCheck.Verdict(false, "never asked"));
        assertEquals("-avx512", choice.extension());
        assertTrue(choice.reason().contains("left as it is"), choice.reason());
    }

    @Test
    void theBestVariantOnTheClassPathThatTheCpuCanRunIsChecked() {
        List<String> checked = new ArrayList<>();
        NativeVariantChoice.Choice choice = NativeVariantChoice.decide(null, "auto", cpu(SKYLAKE_X_FLAGS), LINUX,
                p -> p.equals("linux-x86_64-avx2"), (v, c) -> {
                    checked.add(v.extension());
                    return new SelfCheck.Verdict(true, "2");
                });
        assertEquals("-avx2", choice.extension());
        assertEquals(List.of("-avx2"), checked);
        assertTrue(choice.reason().contains("avx512 is not on the class path"), choice.reason());
    }

    @Test
    void aVariantThatFailsItsCheckIsPassedOverAndSaysWhy() {
        NativeVariantChoice.Choice choice = NativeVariantChoice.decide(null, "auto", cpu(SKYLAKE_X_FLAGS), LINUX,
                p -> true, (v, c) -> new SelfCheck.Verdict(v.extension().equals("-avx2"), "killed by the CPU"));
        assertEquals("-avx2", choice.extension());
        NativeVariantChoice.Choice none = NativeVariantChoice.decide(null, "auto", cpu(SKYLAKE_X_FLAGS), LINUX,
                p -> true, (v, c) -> new SelfCheck.Verdict(false, "killed by the CPU"));
        assertEquals("", none.extension());
        assertTrue(none.reason().contains("avx512 failed its self-check (killed by the CPU)"), none.reason());
    }

    @Test
    void aCpuWithoutAvx2GetsTheGenericBinaryWithoutAnyCheck() {
        NativeVariantChoice.Choice choice = NativeVariantChoice.decide(null, "auto", cpu("sse4_2 avx"), LINUX,
                p -> true, (v, c) -> {
                    throw new AssertionError("no variant fits this CPU: nothing to check");
                });
        assertEquals("", choice.extension());
    }

    @Test
    void theGenericSettingKeepsTheGenericBinary() {
        assertEquals("", NativeVariantChoice.decide(null, "generic", cpu(SKYLAKE_X_FLAGS), LINUX, p -> true,
                (v, c) -> new SelfCheck.Verdict(true, "3")).extension());
    }

    @Test
    void aChildThatLoadedAnotherBinaryFailsTheCheck() {
        NativeVariantChoice.Variant avx2 = NativeVariantChoice.VARIANTS.get(1);
        assertEquals(false, NativeVariantChoice.interpret(avx2, 0, List.of("passed 0")).passed());
        assertEquals(true, NativeVariantChoice.interpret(avx2, 0, List.of("passed 2")).passed());
    }

    @Test
    void thisTestJvmRunsTheBinaryItChose() {
        // Chosen at session start (PrepareNativeRuntimeFirst), before anything loaded ND4J.
        NativeVariantChoice.Choice choice = NativeVariantChoice.current();
        assertNotNull(choice);
        Nd4j.getBackend();
        int level = NativeOpsHolder.getInstance().getDeviceNativeOps().binaryLevel();
        int expected = switch (choice.extension()) {
            case "-avx512" -> 3;
            case "-avx2" -> 2;
            default -> 0;
        };
        assertEquals(expected, level == 1 ? 0 : level, choice.reason());
    }
}
