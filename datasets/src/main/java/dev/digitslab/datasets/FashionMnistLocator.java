package dev.digitslab.datasets;

import java.nio.file.Path;
import java.util.Map;

/**
 * Finds Fashion-MNIST (same four file names and IDX format as MNIST, plain or {@code .gz}) in the directory
 * the user names (property {@value #DIR_PROPERTY}, else environment {@value #DIR_ENV}), else where the Debian
 * package {@code dataset-fashion-mnist} installs it. It is never downloaded, and there is no checksum to
 * verify against (the Debian files are recompressed), so only the IDX validation applies.
 */
public final class FashionMnistLocator {
    public static final String DIR_PROPERTY = "digitslab.fashion-mnist.dir";
    public static final String DIR_ENV = "DIGITSLAB_FASHION_MNIST_DIR";
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private final Path userDir;
    private final Path systemDir;

    /**
     * @param userDir   the user's directory, or null
     * @param systemDir the system package's directory, or null
     */
    public FashionMnistLocator(Path userDir, Path systemDir) {
        this.userDir = userDir;
        this.systemDir = systemDir;
    }

    public static FashionMnistLocator fromEnvironment() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIR_ENV);
        }
        return new FashionMnistLocator(dir == null || dir.isBlank() ? null : Path.of(dir), DEBIAN_DIR);
    }

    public MnistFiles resolve() throws MnistUnavailableException {
        if (userDir != null) {
            Map<MnistFile, Path> found = MnistLocator.findIn(userDir);
            if (found.size() == MnistFile.values().length) {
                return new MnistFiles(MnistFiles.Source.USER_DIRECTORY, userDir, found);
            }
        }
        if (systemDir != null) {
            Map<MnistFile, Path> found = MnistLocator.findIn(systemDir);
            if (found.size() == MnistFile.values().length) {
                return new MnistFiles(MnistFiles.Source.SYSTEM_PACKAGE, systemDir, found);
            }
        }
        throw new MnistUnavailableException("Fashion-MNIST is not available: looked in "
                + (userDir == null ? "" : userDir + " (named by " + DIR_PROPERTY + " / " + DIR_ENV + ") and ")
                + systemDir + ". Put train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                + "t10k-labels-idx1-ubyte (each plain or .gz) in a directory and run with -D" + DIR_PROPERTY
                + "=<directory> (or set " + DIR_ENV + "), or on Debian/Ubuntu: apt-get install dataset-fashion-mnist");
    }
}
