package dev.digitslab.framework.cpu;

import java.util.Optional;

/**
 * The OpenBLAS kernel family ({@code OPENBLAS_CORETYPE}) a CPU deserves, from the instruction sets it has rather than
 * from its model number. OpenBLAS's own detection goes by model numbers, so a build older than the CPU (ND4J
 * 1.0.0-M2.1 bundles 0.3.19, from 2021) falls back to its slowest kernels ("Prescott") on CPUs it does not know,
 * such as Sapphire Rapids: SGEMM ran 2.8× slower there.
 *
 * <p>The names are those of OpenBLAS's dynamic-architecture builds (0.3.x, x86-64).
 */
public final class BlasCoreType {
    private BlasCoreType() {
    }

    /**
     * The core type for these features, or empty where OpenBLAS's own choice should stand (no AVX: the old
     * SSE kernels differ little, and a CPU that old is one OpenBLAS knows).
     */
    public static Optional<String> forCpu(CpuFeatures cpu) {
        if (cpu.has("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")) {
            return Optional.of("SkylakeX");
        }
        if (cpu.has("avx2", "fma")) {
            // Zen's parameters (cache sizes, unrolling) fit AMD cores; the kernels are Haswell's.
            return Optional.of("AuthenticAMD".equals(cpu.vendor()) || "HygonGenuine".equals(cpu.vendor())
                    ? "Zen" : "Haswell");
        }
        if (cpu.has("avx")) {
            return Optional.of("Sandybridge");
        }
        return Optional.empty();
    }
}
