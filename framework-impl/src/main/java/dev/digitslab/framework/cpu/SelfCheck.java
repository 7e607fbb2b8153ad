package dev.digitslab.framework.cpu;

import dev.digitslab.api.io.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check of native code run in a child JVM before this JVM adopts it: native code built for instructions the CPU
 * lacks kills the process that loads it (measured: OpenBLAS's SkylakeX kernels on an AVX2 CPU, SIGILL), so only a
 * child may try. The child's main class prints {@code passed <detail>} or {@code failed <what>} on one line. Verdicts
 * are kept in {@code ~/.digits-lab/native-checks} (property {@value #CACHE_PROPERTY}), keyed by everything they depend
 * on, so each check runs once per machine.
 */
final class SelfCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SelfCheck.class);
    static final String CACHE_PROPERTY = "digitslab.native.checks.dir";
    private static final long TIMEOUT_SECONDS = 120;

    /** The outcome: passed with a detail (e.g. a speed), or failed with what went wrong. */
    record Verdict(boolean passed, String detail) {
    }

    private SelfCheck() {
    }

    /**
     * The cached verdict for this key, else a fresh run of {@code main} in a child JVM (then cached).
     *
     * @param name        the check's name in the cache, e.g. "sgemm"
     * @param key         everything the verdict depends on (CPU, candidate, library build), one fact per line
     * @param main        the child's main class
     * @param jvmOptions  extra options of the child JVM (system properties)
     * @param environment extra environment variables of the child
     * @param expect      turns the child's exit code and output into a verdict
     */
    static Verdict cached(String name, String key, Class<?> main, List<String> jvmOptions,
                          Map<String, String> environment, Interpreter expect) {
        Path file = cacheDirectory().resolve(name + "-" + digest(key) + ".properties");
        Properties cached = new Properties();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newInputStream(file)) {
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
        Verdict verdict = run(main, jvmOptions, environment, expect);
        Properties store = new Properties();
        store.setProperty("passed", String.valueOf(verdict.passed()));
        store.setProperty("detail", verdict.detail());
        store.setProperty("key", key);
        store.setProperty("date", LocalDate.now().toString());
        try {
            Files.createDirectories(file.getParent());
            StringWriter text = new StringWriter();
            store.store(text, "Digits Lab: self-check of native code in a child JVM; delete to check again");
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not keep the self-check verdict in {}: {}", file, e.toString());
        }
        return verdict;
    }

    /** How a check reads its child's exit code and output lines. */
    interface Interpreter {
        Verdict verdict(int exitCode, List<String> lines);
    }

    /** Runs {@code main} in a child JVM with this JVM's class path, in a temporary directory it then deletes. */
    static Verdict run(Class<?> main, List<String> jvmOptions, Map<String, String> environment, Interpreter expect) {
        Path work = null;
        try {
            work = Files.createTempDirectory("digitslab-native-check");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:ErrorFile=" + work.resolve("hs_err.log")));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classPath(), main.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("out.txt").toFile());
            builder.environment().putAll(environment);
            builder.environment().put("OMP_NUM_THREADS", "1");
            builder.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Verdict(false, "no answer within " + TIMEOUT_SECONDS + " s");
            }
            return expect.verdict(process.exitValue(), Files.readAllLines(work.resolve("out.txt"),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Verdict(false, "could not run it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted");
        } finally {
            deleteQuietly(work);
        }
    }

    /**
     * The verdict from the child's own line ({@code passed …} / {@code failed …}); a child that died names its exit
     * code and its last line of output.
     */
    static Verdict standardVerdict(int exitCode, List<String> lines) {
        String result = null;
        for (String line : lines) {
            if (line.startsWith("passed") || line.startsWith("failed ")) {
                result = line;
            }
        }
        if (exitCode == 0 && result != null && result.startsWith("passed")) {
            return new Verdict(true, result.substring("passed".length()).trim());
        }
        if (result != null && result.startsWith("failed ")) {
            return new Verdict(false, result.substring("failed ".length()));
        }
        return new Verdict(false, "the check JVM ended with exit code " + exitCode + (exitCode == 134 || exitCode == 132
                ? " (killed by the CPU: an instruction it lacks)" : "") + lastLine(lines));
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

    static Path cacheDirectory() {
        String dir = System.getProperty(CACHE_PROPERTY);
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".digits-lab", "native-checks");
    }

    /** The CPU facts a verdict depends on, one per line, for keys. */
    static String describe(CpuFeatures cpu) {
        return cpu.vendor() + "\n" + cpu.model() + "\n" + String.join(" ", cpu.flags());
    }

    /** The file name of the jar (or directory) a class comes from: which build of a library this is. */
    static String buildOf(Class<?> type) {
        return codeSource(type).map(p -> p.getFileName().toString()).orElse("unknown");
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The class path a child JVM needs: this JVM's own, plus the jars of the class loaders that loaded this class
     * (an executor of Spark loads the application's jars itself), plus the jars of the native bindings.
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        for (ClassLoader loader = SelfCheck.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    toPath(url).ifPresent(p -> entries.add(p.toString()));
                }
            }
        }
        for (Class<?> type : List.of(SelfCheck.class, org.bytedeco.openblas.global.openblas.class,
                org.bytedeco.javacpp.Loader.class)) {
            codeSource(type).ifPresent(p -> entries.add(p.toString()));
        }
        return String.join(File.pathSeparator, entries);
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
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
