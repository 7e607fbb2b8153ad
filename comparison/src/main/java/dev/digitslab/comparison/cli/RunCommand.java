package dev.digitslab.comparison.cli;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.catalogue.Study;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.report.ReportWriter;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.RunOptions;
import dev.digitslab.comparison.run.StudyRunner;
import dev.digitslab.datasets.MnistSplits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train experiments with both implementations on identical splits, then write their reports.",
                "Reports of experiments already in the output folder are kept and the summary covers all of them."})
final class RunCommand implements Callable<Integer> {
    /** A study folder moved aside while its replacement moves in. */
    static final String OLD_PREFIX = ".old-";

    enum Impl { framework, scratch, both }

    @Parameters(arity = "0..*", paramLabel = "EXPERIMENT", description = "Experiments from `digits-lab list`.")
    List<String> experiments = new ArrayList<>();

    @Option(names = "--all", description = "Run the whole catalogue.")
    boolean all;

    @Option(names = "--spec", paramLabel = "FILE", description = "Also run an experiment spec file (YAML or JSON).")
    List<Path> specFiles = new ArrayList<>();

    @Option(names = "--impl", defaultValue = "both", description = "framework, scratch or both (default: ${DEFAULT-VALUE}).")
    Impl impl;

    @Option(names = "--seeds", paramLabel = "N", description = "Run N seeds (the spec's first seed, +1, +2, …) instead of the spec's.")
    Integer seeds;

    @Option(names = "--epochs", paramLabel = "N", description = "Override every spec's epoch count.")
    Integer epochs;

    @Option(names = "--subset", paramLabel = "N", description = "Train on a stratified subset of N training images (quick runs).")
    Integer subset;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--models", paramLabel = "DIR", description = "Where trained models are saved (default: OUT/models).")
    Path models;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkPositive("--seeds", seeds);
        checkPositive("--epochs", epochs);
        checkPositive("--subset", subset);
        List<Study> studies = studies();
        RunOptions options = new RunOptions(impl == Impl.both ? RunOptions.BOTH : List.of(impl.name()), seeds, epochs,
                subset, models != null ? models : this.out.resolve("models"));
        OutputFolder.requireWritable("reports", this.out);
        OutputFolder.requireWritable("models", options.modelsDir());
        Thread cleanup = new Thread(() -> {
            deletePartialFiles(this.out);
            deletePartialFiles(options.modelsDir());
        }, "digits-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            boolean terminal = System.console() != null;
            StudyRunner runner = new StudyRunner(options, MnistSplits::load, (s, implementation, seed) ->
                    new EpochProgress(s.name() + "/" + implementation + "/seed " + seed, s.batchSize(), terminal, out));
            int failed = 0;
            for (Study study : studies) {
                StudyResults results = runner.run(study);
                writeStudy(results);
                failed += (int) results.runs().stream().filter(r -> !r.ok()).count();
                summarise(results, out);
            }
            List<String> order = Catalogue.builtIn().studies().stream().map(Study::name).toList();
            List<StudyResults> all = ReportWriter.readAll(this.out, order);
            try {
                ReportWriter.writeSummary(all, this.out);
            } catch (IOException e) {
                throw new OutputFolder.NotWritableException("reports", this.out, e);
            }
            out.printf("reports written to %s%n", this.out.toAbsolutePath().normalize());
            out.flush();
            return failed == 0 ? 0 : DigitsLab.RUN_FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or about to; it must stay registered
            }
        }
    }

    /**
     * Writes a study's folder beside the others and swaps it in; if writing fails (a full disk), the staging
     * folder is removed and the previous reports stay as they were.
     */
    private void writeStudy(StudyResults results) throws IOException {
        Path staging = out.resolve(".staging-" + results.study());
        try {
            deleteTree(staging);
            ReportWriter.writeStudyFiles(results, staging);
            moveStudy(staging, results.study());
        } catch (IOException e) {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // the write already failed; that error is the one to report
            }
            throw new OutputFolder.NotWritableException("reports", out, e);
        }
    }

    private List<Study> studies() {
        Catalogue catalogue = Catalogue.builtIn();
        Map<String, Study> chosen = new LinkedHashMap<>();
        if (all) {
            catalogue.studies().forEach(s -> chosen.put(s.name(), s));
        }
        for (String name : experiments) {
            chosen.put(name, catalogue.study(name));
        }
        for (Path file : specFiles) {
            ExperimentSpec s = SpecLoader.load(file);
            if (chosen.containsKey(s.name())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "spec " + file + " is named '" + s.name()
                        + "', which is already an experiment of this run: give it another name");
            }
            chosen.put(s.name(), new Study(s.name(), StudyKind.COMPARISON, s.title(), null, List.of(s)));
        }
        if (chosen.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name an experiment (see `digits-lab list`), use --all, or give --spec FILE");
        }
        return List.copyOf(chosen.values());
    }

    /** Replaces the study's folder with the freshly written one in one move, so it is never half-updated. */
    private void moveStudy(Path staging, String study) throws IOException {
        Path target = out.resolve(study);
        Path old = out.resolve(OLD_PREFIX + study);
        deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old);
        }
        try {
            Files.move(staging, target);
        } catch (IOException e) {
            if (Files.exists(old)) {
                Files.move(old, target); // put the previous folder back
            }
            throw e;
        }
        deleteTree(old);
    }

    private static void summarise(StudyResults results, PrintWriter out) {
        for (RunResult r : results.runs()) {
            if (r.ok()) {
                out.printf(Locale.ROOT, "%-34s %-9s seed %-4d test accuracy %.4f  %.2f s/epoch%n", r.spec(),
                        r.implementation(), r.seed(), r.test().accuracy(), r.secondsPerEpoch());
            } else {
                out.printf(Locale.ROOT, "%-34s %-9s seed %-4d FAILED: %s%n", r.spec(), r.implementation(), r.seed(),
                        r.error());
            }
        }
        out.flush();
    }

    private void checkPositive(String option, Integer value) {
        if (value != null && value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be a positive number, found "
                    + value);
        }
    }

    /**
     * What an interrupted run leaves behind, undone (run by the shutdown hook on Ctrl-C): temporary
     * {@code *.part} files and {@code .staging-*} folders are deleted; a study folder moved aside to
     * {@code .old-<study>} is put back if its replacement never arrived, and deleted otherwise.
     */
    static void deletePartialFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path old : children.filter(p -> p.getFileName().toString().startsWith(OLD_PREFIX)).toList()) {
                Path study = dir.resolve(old.getFileName().toString().substring(OLD_PREFIX.length()));
                try {
                    if (Files.exists(study)) {
                        deleteTree(old);
                    } else {
                        Files.move(old, study);
                    }
                } catch (IOException ignored) {
                    // best effort while the JVM shuts down
                }
            }
        } catch (IOException ignored) {
            // best effort while the JVM shuts down
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".part") || name.startsWith(".staging-");
            }).sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    deleteTree(p);
                } catch (IOException ignored) {
                    // best effort while the JVM shuts down
                }
            });
        } catch (IOException ignored) {
            // best effort while the JVM shuts down
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
