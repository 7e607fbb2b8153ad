package dev.digitslab.framework.cpu;

import dev.digitslab.api.io.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 *       stops the JVM with SIGILL). The verdict is kept per CPU, candidate and OpenBLAS build in
 *       {@code ~/.digits-lab/blas} (property {@value #CACHE_PROPERTY}), so the check runs once per machine. A
 *       failed or impossible check leaves OpenBLAS's own choice and says so once.</li>
 * </ul>
 * A different kernel family changes the last bits of Deeplearning4j's results, like a different CPU does.
 */
public final class BlasKernelChoice {
    private static final Logger LOG = LoggerFactory.getLogger(BlasKernelChoice.class);
    public static final String CORETYPE = "OPENBLAS_CORETYPE";
    static final String L2_SIZE = "OPENBLAS_L2_SIZE";
    public static final String PROPERTY = "digitslab.blas.coreType";
    static final String CACHE_PROPERTY = "digitslab.blas.cache.dir";
    private static final long CHECK_TIMEOUT_SECONDS = 120;

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
        Verdict verdict = verdict(cpu.get(), core);
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

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** The outcome of a self-check: passed with its GFLOP/s, or failed with what went wrong. */
    record Verdict(boolean passed, String detail) {
    }

    /** The cached verdict for this CPU, candidate and OpenBLAS build, else a fresh self-check (then cached). */
    private static Verdict verdict(CpuFeatures cpu, String core) {
        Path cacheFile = cacheDirectory().resolve("sgemm-check-" + key(cpu, core) + ".properties");
        Properties cached = new Properties();
        if (Files.isRegularFile(cacheFile)) {
            try (var in = Files.newInputStream(cacheFile)) {
                cached.load(in);
                String passed = cached.getProperty("passed");
                String detail = cached.getProperty("detail");
                if (passed != null && detail != null) {
                    return new Verdict(Boolean.parseBoolean(passed), detail);
                }
            } catch (IOException | IllegalArgumentException e) {
                // An unreadable verdict is checked again.
            }
        }
        Verdict verdict = selfCheck(core);
        Properties store = new Properties();
        store.setProperty("passed", String.valueOf(verdict.passed()));
        store.setProperty("detail", verdict.detail());
        store.setProperty("coreType", core);
        store.setProperty("cpu", cpu.vendor() + " " + cpu.model());
        store.setProperty("date", java.time.LocalDate.now().toString());
        try {
            Files.createDirectories(cacheFile.getParent());
            var text = new java.io.StringWriter();
            store.store(text, "SGEMM self-check of OpenBLAS kernels (Digits Lab); delete to check again");
            AtomicFiles.writeString(cacheFile, text.toString());
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not keep the self-check verdict in {}: {}", cacheFile, e.toString());
        }
        return verdict;
    }

    static Path cacheDirectory() {
        String dir = System.getProperty(CACHE_PROPERTY);
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".digits-lab", "blas");
    }

    /** A digest of everything the verdict depends on: the CPU, the candidate and the OpenBLAS build. */
    private static String key(CpuFeatures cpu, String core) {
        String build = codeSource(org.bytedeco.openblas.global.openblas.class).map(p -> p.getFileName().toString())
                .orElse("unknown");
        String text = cpu.vendor() + "\n" + cpu.model() + "\n" + String.join(" ", cpu.flags()) + "\n" + core + "\n"
                + build;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@link SgemmSelfCheck} in a child JVM with the candidate kernels, leaving nothing behind. */
    static Verdict selfCheck(String core) {
        Path work = null;
        try {
            work = Files.createTempDirectory("digitslab-blas-check");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:ErrorFile=" + work.resolve("hs_err.log"), "-cp", childClassPath(),
                    SgemmSelfCheck.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("out.txt").toFile());
            builder.environment().put(CORETYPE, core);
            builder.environment().put("OPENBLAS_VERBOSE", "2"); // prints "Core: <name>": proof of what ran
            builder.environment().put("OPENBLAS_NUM_THREADS", "1");
            builder.environment().put("OMP_NUM_THREADS", "1");
            Process process = builder.start();
            if (!process.waitFor(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Verdict(false, "no answer within " + CHECK_TIMEOUT_SECONDS + " s");
            }
            List<String> lines = Files.readAllLines(work.resolve("out.txt"), StandardCharsets.UTF_8);
            return interpret(core, process.exitValue(), lines);
        } catch (IOException e) {
            return new Verdict(false, "could not run it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted");
        } finally {
            deleteQuietly(work);
        }
    }

    /** The verdict from the child's exit code and output (its own lines and OpenBLAS's "Core: name"). */
    static Verdict interpret(String core, int exitCode, List<String> lines) {
        String ran = null;
        String result = null;
        for (String line : lines) {
            if (line.startsWith("Core: ")) {
                ran = line.substring("Core: ".length()).trim();
            } else if (line.startsWith("passed ") || line.startsWith("failed ")) {
                result = line;
            }
        }
        if (exitCode != 0 || result == null || !result.startsWith("passed ")) {
            String why = result != null ? result.substring("failed ".length())
                    : "the check JVM ended with exit code " + exitCode + (exitCode == 134 || exitCode == 132
                    ? " (killed by the CPU: an instruction it lacks)" : "") + lastLine(lines);
            return new Verdict(false, why);
        }
        if (ran != null && !ran.equalsIgnoreCase(core)) {
            return new Verdict(false, "OpenBLAS ran " + ran + " kernels instead of " + core);
        }
        return new Verdict(true, result.substring("passed ".length()).trim() + " GFLOP/s single-thread SGEMM 512³");
    }

    private static String lastLine(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
            }
        }
        return "";
    }

    /**
     * The class path a child JVM needs to run the check: this JVM's own, plus the jars of the class loaders that
     * loaded this class, OpenBLAS's bindings and JavaCPP (an executor of Spark loads the application's jars itself).
     */
    private static String childClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        for (ClassLoader loader = BlasKernelChoice.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    toPath(url).ifPresent(p -> entries.add(p.toString()));
                }
            }
        }
        for (Class<?> type : List.of(SgemmSelfCheck.class, org.bytedeco.openblas.global.openblas.class,
                org.bytedeco.javacpp.Loader.class)) {
            codeSource(type).ifPresent(p -> entries.add(p.toString()));
        }
        return String.join(File.pathSeparator, new ArrayList<>(entries));
    }

    private static Optional<Path> codeSource(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null ? Optional.empty() : toPath(source.getLocation());
    }

    private static Optional<Path> toPath(URL url) {
        try {
            return url != null && "file".equals(url.getProtocol()) ? Optional.of(Path.of(url.toURI()))
                    : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
