package dev.digitslab.framework.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlasCoreTypeTest {
    private static final String SAPPHIRE_RAPIDS = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8488C
            flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 avx512f avx512dq avx512cd avx512bw avx512vl amx_tile

            processor\t: 1
            vendor_id\t: GenuineIntel
            flags\t\t: fpu sse
            """;

    private static CpuFeatures cpu(String vendor, String flags) {
        return CpuFeatures.parse("vendor_id\t: " + vendor + "\nmodel name\t: test\nflags\t\t: " + flags + "\n").orElseThrow();
    }

    @Test
    void readsTheFirstProcessorsVendorModelAndFlags() {
        CpuFeatures cpu = CpuFeatures.parse(SAPPHIRE_RAPIDS).orElseThrow();
        assertEquals("GenuineIntel", cpu.vendor());
        assertEquals("Intel(R) Xeon(R) Platinum 8488C", cpu.model());
        assertTrue(cpu.has("avx512f", "avx2", "amx_tile"));
    }

    @Test
    void flagsKeepOneOrderSoThatCacheKeysAreStableAcrossJvms() {
        CpuFeatures cpu = cpu("GenuineIntel", "sse avx2 fma avx");
        assertEquals(List.of("avx", "avx2", "fma", "sse"), List.copyOf(cpu.flags()));
        assertEquals(SelfCheck.describe(cpu), SelfCheck.describe(cpu("GenuineIntel", "fma avx sse avx2")));
    }

    @Test
    void aCpuInfoWithoutFlagsGivesNothing() {
        assertEquals(Optional.empty(), CpuFeatures.parse("processor\t: 0\nmodel name\t: ARMv8 Processor\n"));
    }

    @Test
    void avx512CpusGetSkylakeXWhateverTheirModelNumber() {
        assertEquals(Optional.of("SkylakeX"), BlasCoreType.forCpu(CpuFeatures.parse(SAPPHIRE_RAPIDS).orElseThrow()));
        assertEquals(Optional.of("SkylakeX"), BlasCoreType.forCpu(cpu("AuthenticAMD",
                "avx avx2 fma avx512f avx512cd avx512bw avx512dq avx512vl")));
    }

    @Test
    void avx2CpusGetHaswellKernelsWithZenParametersOnAmd() {
        assertEquals(Optional.of("Haswell"), BlasCoreType.forCpu(cpu("GenuineIntel", "sse4_2 avx avx2 fma")));
        assertEquals(Optional.of("Zen"), BlasCoreType.forCpu(cpu("AuthenticAMD", "sse4_2 avx avx2 fma")));
    }

    @Test
    void partialAvx512IsNotEnoughForSkylakeX() {
        // Xeon Phi (Knights Landing) has avx512f/cd but not bw/dq/vl, which SkylakeX's kernels use.
        assertEquals(Optional.of("Haswell"), BlasCoreType.forCpu(cpu("GenuineIntel", "avx avx2 fma avx512f avx512cd")));
    }

    @Test
    void cpusWithoutAvxKeepOpenBlasOwnChoice() {
        assertEquals(Optional.of("Sandybridge"), BlasCoreType.forCpu(cpu("GenuineIntel", "sse4_2 avx")));
        assertEquals(Optional.empty(), BlasCoreType.forCpu(cpu("GenuineIntel", "sse sse2 ssse3 sse4_1 sse4_2")));
    }
}
