package dev.digitslab.framework.cpu;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per JVM and before ND4J loads OpenBLAS, the OpenBLAS kernel family this CPU deserves
 * ({@link BlasCoreType}) and puts it in the process environment as {@code OPENBLAS_CORETYPE}, which OpenBLAS reads
 * once when it is loaded. The rules:
 * <ul>
 *   <li>{@code OPENBLAS_CORETYPE} or {@code OPENBLAS_L2_SIZE} already set (by the user or the machine's
 *       administrators: some older OpenBLAS builds compute wrong results or crash with the kernels they would pick
 *       on some processors) — respected, nothing changed;</li>
 *   <li>{@code -Ddigitslab.blas.coreType=openblas} — OpenBLAS's own choice;</li>
 *   <li>otherwise the candidate from the CPU's flags is adopted only after {@link SgemmSelfCheck} passed with it in a
 *       child JVM (a kernel the CPU lacks instructions for kills the process: measured, SkylakeX on an AVX2 CPU
 *       stops the JVM with SIGILL). The verdict is kept per CPU, candidate and OpenBLAS build
 *       ({@link SelfCheck}), so the check runs once per machine. A failed or impossible check leaves OpenBLAS's own
 *       choice and says so once per JVM.</li>
 * </ul>
 * A different kernel family changes the last bits of Deeplearning4j's results, like a different CPU does.
 */
public final class BlasKernelChoice {
    private static final Logger LOG = LoggerFactory.getLogger(BlasKernelChoice.class);
    public static final String CORETYPE = "OPENBLAS_CORETYPE";
    static final String L2_SIZE = "OPENBLAS_L2_SIZE";
    public static final String PROPERTY = "digitslab.blas.coreType";

    /**
     * What was decided.
     *
     * @param coreType the kernel family set, or null where OpenBLAS chooses (or the environment already did)
     * @param reason   one sentence for reports and logs
     */
    public record Choice(String coreType, String reason) {
    }

    private static volatile Choice choice;

    private BlasKernelChoice() {
    }

    /** Makes the choice if this JVM has not yet; call before anything loads ND4J. */
    public static Choice apply() {
        Choice made = choice;
        if (made != null) {
            return made;
        }
        synchronized (BlasKernelChoice.class) {
            if (choice == null) {
                choice = decide(System::getenv, System.getProperty(PROPERTY, "auto"), CpuFeatures.ofThisMachine());
                LOG.debug("OpenBLAS kernels: {}", choice.reason());
            }
            return choice;
        }
    }

    /** The choice this JVM made, or null before {@link #apply()}. */
    public static Choice current() {
        return choice;
    }

    static Choice decide(Function<String, String> environment, String setting, Optional<CpuFeatures> cpu) {
        String coreType = environment.apply(CORETYPE);
        String l2 = environment.apply(L2_SIZE);
        if (coreType != null || l2 != null) {
            return new Choice(coreType, "set in the environment (" + (coreType != null ? CORETYPE + "=" + coreType : "")
                    + (coreType != null && l2 != null ? ", " : "") + (l2 != null ? L2_SIZE + "=" + l2 : "")
                    + "): left as it is");
        }
        if ("openblas".equalsIgnoreCase(setting)) {
            return new Choice(null, "OpenBLAS's own choice (-D" + PROPERTY + "=openblas)");
        }
        if (!"auto".equalsIgnoreCase(setting)) {
            return new Choice(null, "OpenBLAS's own choice: -D" + PROPERTY + " takes auto or openblas, found '"
                    + setting + "'");
        }
        if (cpu.isEmpty() || !isX86()) {
            return new Choice(null, "OpenBLAS's own choice (no x86-64 CPU flags to go by)");
        }
        Optional<String> candidate = BlasCoreType.forCpu(cpu.get());
        if (candidate.isEmpty()) {
            return new Choice(null, "OpenBLAS's own choice (a CPU without AVX)");
        }
        String core = candidate.get();
        SelfCheck.Verdict verdict = verdict(cpu.get(), core);
        if (!verdict.passed()) {
            LOG.warn("OpenBLAS kernels {} for this CPU failed their self-check ({}); Deeplearning4j uses OpenBLAS's own "
                    + "choice. Set {} to choose another.", core, verdict.detail(), CORETYPE);
            return new Choice(null, "OpenBLAS's own choice: " + core + " failed the SGEMM self-check (" + verdict.detail()
                    + ")");
        }
        if (!ProcessEnvironment.set(CORETYPE, core)) {
            return new Choice(null, "OpenBLAS's own choice: could not set " + CORETYPE + " in this process");
        }
        return new Choice(core, core + " from the CPU's flags, SGEMM self-check passed");
    }

    static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** The cached verdict for this CPU, candidate and OpenBLAS build, else a fresh self-check (then cached). */
    private static SelfCheck.Verdict verdict(CpuFeatures cpu, String core) {
        String key = SelfCheck.describe(cpu) + "\n" + core + "\n"
                + SelfCheck.buildOf(org.bytedeco.openblas.global.openblas.class);
        return SelfCheck.cached("sgemm", key, SgemmSelfCheck.class, List.of(), childEnvironment(core),
                (exit, lines) -> interpret(core, exit, lines));
    }

    /** Runs {@link SgemmSelfCheck} with the candidate kernels in a child JVM, uncached. */
    static SelfCheck.Verdict selfCheck(String core) {
        return SelfCheck.run(SgemmSelfCheck.class, List.of(), childEnvironment(core),
                (exit, lines) -> interpret(core, exit, lines));
    }

    private static Map<String, String> childEnvironment(String core) {
        // OPENBLAS_VERBOSE=2 makes OpenBLAS print "Core: <name>": proof of which kernels ran.
        return Map.of(CORETYPE, core, "OPENBLAS_VERBOSE", "2");
    }

    /** The verdict from the child's exit code and output (its own line and OpenBLAS's "Core: name"). */
    static SelfCheck.Verdict interpret(String core, int exitCode, List<String> lines) {
        SelfCheck.Verdict verdict = SelfCheck.standardVerdict(exitCode, lines);
        if (!verdict.passed()) {
            return verdict;
        }
        for (String line : lines) {
            if (line.startsWith("Core: ") && !line.substring("Core: ".length()).trim().equalsIgnoreCase(core)) {
                return new SelfCheck.Verdict(false, "OpenBLAS ran " + line.substring("Core: ".length()).trim()
                        + " kernels instead of " + core);
            }
        }
        return new SelfCheck.Verdict(true, verdict.detail() + " GFLOP/s single-thread SGEMM 512³");
    }
}
