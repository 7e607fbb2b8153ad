package dev.digitslab.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLocatorTest {
    @TempDir
    Path dir;

    @Test
    void splitsFashionMnistFromDebianPackageIfInstalled() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FashionMnistLocator.DEBIAN_DIR),
                "Debian package dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");
        MnistFiles files = new FashionMnistLocator(null, FashionMnistLocator.DEBIAN_DIR).resolve();
        assertEquals(MnistFiles.Source.SYSTEM_PACKAGE, files.source());
        MnistDataset fashion = MnistDataset.read(files);
        Splits s = MnistSplits.split(fashion.train(), fashion.test(), new TaskSpec.Multiclass(), 0.1, null, 1);
        assertEquals(54000, s.train().count());
        assertEquals(6000, s.validation().count());
        assertEquals(10000, s.test().count());
        assertEquals(9, s.test().digits()[0], "the first Fashion-MNIST test item is an ankle boot (class 9)");
    }

    @Test
    void userDirectoryBeatsSystemPackage() throws IOException {
        // Real MNIST files stand in for Fashion-MNIST: same names and format.
        RealMnist.copyInto(dir.resolve("user"), true);
        MnistFiles files = new FashionMnistLocator(dir.resolve("user"), FashionMnistLocator.DEBIAN_DIR).resolve();
        assertEquals(MnistFiles.Source.USER_DIRECTORY, files.source());
    }

    @Test
    void explainsHowToProvideFashionMnist() {
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                () -> new FashionMnistLocator(dir.resolve("user"), dir.resolve("system")).resolve());
        for (String needed : new String[] {FashionMnistLocator.DIR_PROPERTY, FashionMnistLocator.DIR_ENV,
                "t10k-labels-idx1-ubyte", "apt-get install dataset-fashion-mnist", dir.resolve("user").toString()}) {
            assertTrue(e.getMessage().contains(needed), () -> "'" + needed + "' missing from: " + e.getMessage());
        }
    }
}
