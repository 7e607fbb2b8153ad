package dev.digitslab.framework.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per JVM and before JavaCPP loads ND4J, which of ND4J's native binaries to load: the generic x86-64
 * one or a variant compiled for AVX2 or AVX-512 (measured: 15–30% less CPU per Deeplearning4j epoch). A variant ends
 * the JVM that loads it on a CPU without its instructions, and two variants loaded into one JVM have crashed it, so:
 * <ul>
 *   <li>JavaCPP's own {@code -Dorg.bytedeco.javacpp.platform.extension} set by the user is respected;
 *       {@code -Ddigitslab.nd4j.variant=generic} keeps the generic binary;</li>
 *   <li>a variant is a candidate only if its jar is on the class path and the CPU has its instruction sets;</li>
 *   <li>it is adopted only after {@link NativeVariantSelfCheck} passed with it in a child JVM ({@link SelfCheck},
 *       cached per CPU and ND4J build); JavaCPP then loads that variant's libraries, and only those, through its
 *       {@code platform.extension} property.</li>
 * </ul>
 * Another binary changes Deeplearning4j's results in the last bits, like another CPU.
 */
public final class NativeVariantChoice {
    private static final Logger LOG = LoggerFactory.getLogger(NativeVariantChoice.class);
    public static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";
    public static final String PROPERTY = "digitslab.nd4j.variant";
    /** Where nd4j-native keeps each platform's (and variant's) libraries. */
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    /**
     * What was decided.
     *
     * @param extension the variant's suffix ("-avx2", "-avx512"), or "" for the generic binary
     * @param reason    one sentence for reports and logs
     */
    public record Choice(String extension, String reason) {
    }

    /** A variant: its JavaCPP platform extension, the CPU flags it needs, and the binary level ND4J reports for it. */
    record Variant(String extension, List<String> flags, int level) {
    }

    /** Best first. The flags are those of the compilers' -march=skylake-avx512 and -march=haswell that matter. */
    static final List<Variant> VARIANTS = List.of(
            new Variant("-avx512", List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma",
                    "f16c", "bmi1", "bmi2"), 3),
            new Variant("-avx2", List.of("avx2", "fma", "f16c", "bmi1", "bmi2"), 2));

    private static volatile Choice choice;

    private NativeVariantChoice() {
    }

    /** Makes the choice if this JVM has not yet; call before anything loads JavaCPP's Loader or ND4J. */
    public static Choice apply() {
        Choice made = choice;
        if (made != null) {
            return made;
        }
        synchronized (NativeVariantChoice.class) {
            if (choice == null) {
                Choice decided = decide(System.getProperty(EXTENSION), System.getProperty(PROPERTY, "auto"),
                        CpuFeatures.ofThisMachine(), platform(), NativeVariantChoice::present,
                        NativeVariantChoice::verdict);
                // Always set, also to "" for the generic binary: left unset, JavaCPP itself loads the first variant
                // on the class path (nd4j-native's presets list them), whatever the CPU.
                System.setProperty(EXTENSION, decided.extension());
                LOG.debug("ND4J binary: {}", decided.reason());
                choice = decided;
            }
            return choice;
        }
    }

    /** The choice this JVM made, or null before {@link #apply()}. */
    public static Choice current() {
        return choice;
    }

    static Choice decide(String javacppExtension, String setting, Optional<CpuFeatures> cpu, Optional<String> platform,
                         Predicate<String> present, BiFunction<Variant, CpuFeatures, SelfCheck.Verdict> check) {
        if (javacppExtension != null) { // set before this JVM chose: apply() sets it itself afterwards
            return new Choice(javacppExtension, "-D" + EXTENSION + "=" + javacppExtension + " set: left as it is");
        }
        if ("generic".equalsIgnoreCase(setting)) {
            return new Choice("", "the generic binary (-D" + PROPERTY + "=generic)");
        }
        if (!"auto".equalsIgnoreCase(setting)) {
            return new Choice("", "the generic binary: -D" + PROPERTY + " takes auto or generic, found '" + setting + "'");
        }
        if (cpu.isEmpty() || platform.isEmpty()) {
            return new Choice("", "the generic binary (no x86-64 Linux CPU flags to go by)");
        }
        List<String> refused = new ArrayList<>();
        for (Variant variant : VARIANTS) {
            if (!cpu.get().has(variant.flags().toArray(String[]::new))) {
                continue;
            }
            if (!present.test(platform.get() + variant.extension())) {
                refused.add(variant.extension().substring(1) + " is not on the class path");
                continue;
            }
            SelfCheck.Verdict verdict = check.apply(variant, cpu.get());
            if (verdict.passed()) {
                return new Choice(variant.extension(), "the " + variant.extension().substring(1).toUpperCase()
                        + " binary, from the CPU's flags, self-check passed"
                        + (refused.isEmpty() ? "" : " (" + String.join("; ", refused) + ")"));
            }
            LOG.warn("ND4J's {} binary failed its self-check on this CPU ({}); trying the next one.",
                    variant.extension().substring(1), verdict.detail());
            refused.add(variant.extension().substring(1) + " failed its self-check (" + verdict.detail() + ")");
        }
        return new Choice("", "the generic binary" + (refused.isEmpty() ? " (no variant for this CPU)"
                : ": " + String.join("; ", refused)));
    }

    /** JavaCPP's platform name where ND4J has variants (x86-64), without touching JavaCPP's Loader. */
    static Optional<String> platform() {
        if (!BlasKernelChoice.isX86()) {
            return Optional.empty();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return Optional.of("linux-x86_64");
        }
        if (os.startsWith("windows")) {
            return Optional.of("windows-x86_64");
        }
        if (os.startsWith("mac")) {
            return Optional.of("macosx-x86_64");
        }
        return Optional.empty();
    }

    /** Whether nd4j-native's JNI library for this platform-and-variant is on the class path. */
    private static boolean present(String platformAndVariant) {
        String resource = BINDINGS + platformAndVariant + "/" + System.mapLibraryName("jnind4jcpu");
        return NativeVariantChoice.class.getClassLoader().getResource(resource) != null;
    }

    private static SelfCheck.Verdict verdict(Variant variant, CpuFeatures cpu) {
        String key = SelfCheck.describe(cpu) + "\n" + variant.extension() + "\n"
                + SelfCheck.buildOf(org.nd4j.nativeblas.NativeOps.class);
        return SelfCheck.cached("nd4j-variant", key, NativeVariantSelfCheck.class,
                List.of("-D" + EXTENSION + "=" + variant.extension(), "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"),
                Map.of(), (exit, lines) -> interpret(variant, exit, lines));
    }

    /** Passed only if the child also loaded the variant asked for (its binary level). */
    static SelfCheck.Verdict interpret(Variant variant, int exitCode, List<String> lines) {
        SelfCheck.Verdict verdict = SelfCheck.standardVerdict(exitCode, lines);
        if (verdict.passed() && !verdict.detail().equals(String.valueOf(variant.level()))) {
            return new SelfCheck.Verdict(false, "ND4J loaded binary level " + verdict.detail() + " instead of "
                    + variant.level());
        }
        return verdict;
    }
}
