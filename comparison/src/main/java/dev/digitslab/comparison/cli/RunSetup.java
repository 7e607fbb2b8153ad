package dev.digitslab.comparison.cli;

import dev.digitslab.api.train.Trainer;
import dev.digitslab.comparison.run.Implementations;
import dev.digitslab.comparison.run.RunEnvironment;
import dev.digitslab.comparison.run.RunOptions;
import dev.digitslab.datasets.MnistFiles;
import dev.digitslab.datasets.MnistLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code run --verbose} prints before training: where the data comes from, where reports and models go, how
 * many training runs there are, and the environment the results will record (JDK, CPU, each implementation's
 * native choices: binary, BLAS kernels, threads).
 */
record RunSetup(Implementations implementations, RunOptions options, Path reports, int trainings, int runsAtATime,
                int threadsPerRun) {

    void print(PrintWriter out) throws IOException {
        MnistFiles mnist = MnistLocator.fromEnvironment().resolve();
        out.printf("data:     MNIST in %s (%s)%n", mnist.directory().toAbsolutePath().normalize(), mnist.source());
        out.printf("reports:  %s%n", reports.toAbsolutePath().normalize());
        out.printf("models:   %s%n", options.modelsDir().toAbsolutePath().normalize());
        out.printf("runs:     %d training run(s), %d at a time, %d thread(s) each%n", trainings, runsAtATime,
                threadsPerRun);
        out.println("environment:");
        List<Trainer> trainers = options.roles().stream().map(implementations::get).toList();
        Map<String, String> env = RunEnvironment.describe(trainers, threadsPerRun);
        env.forEach((k, v) -> out.println(OverallProgress.fit("  " + k + ":", v)));
        out.flush();
    }
}
