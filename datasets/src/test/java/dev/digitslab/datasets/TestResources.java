package dev.digitslab.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Test resources copied to real files, as the readers take paths. */
final class TestResources {
    private TestResources() {
    }

    /** Copies resource {@code name} into {@code dir} under its own file name. */
    static Path copy(String name, Path dir) throws IOException {
        Path file = dir.resolve(Path.of(name).getFileName().toString());
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(Objects.requireNonNull(in, "no test resource " + name), file);
        }
        return file;
    }
}
