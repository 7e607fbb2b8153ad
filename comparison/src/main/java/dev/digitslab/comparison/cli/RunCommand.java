package dev.digitslab.comparison.cli;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecFile;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.spec.SpecOverride;
import dev.digitslab.api.spec.SpecSweep;
import dev.digitslab.api.train.Role;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.catalogue.Study;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.catalogue.StudyVariation;
import dev.digitslab.comparison.report.ReportFolder;
import dev.digitslab.comparison.report.WrittenStudy;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.ExecutorProvider;
import dev.digitslab.comparison.run.Implementations;
import dev.digitslab.comparison.run.LocalExecutor;
import dev.digitslab.comparison.run.ProgressListeners;
import dev.digitslab.comparison.run.RunContext;
import dev.digitslab.comparison.run.RunOptions;
import dev.digitslab.comparison.run.StudyRunner;
import dev.digitslab.comparison.run.TaskExecutor;
import dev.digitslab.datasets.MnistSplits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train experiments with both implementations on identical splits, then write their reports.",
                "Reports of experiments already in the output folder are kept and the summary covers all of them; "
                        + "a full run's report (the catalogue's specs, both implementations) is replaced by a quick "
                        + "run only with --force."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run trained, reports written", "2:bad input (unknown experiment, invalid spec, "
                + "network too big, unwritable folder, a full run's report in the way); nothing written",
                "3:some training run failed (diverged): the reports say which", "130:interrupted (Ctrl-C): the "
                + "previous reports are kept"},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab run multiclass --epochs 2 --subset 5000  # quick, ./digits-lab-reports",
                "  digits-lab run --all --out my-reports               # the catalogue, ~20 min",
                "  digits-lab run --spec mine.yaml --impl scratch      # your spec, one network"})
final class RunCommand implements Callable<Integer> {
    /** The {@code --impl} value that selects both implementations. */
    private static final String BOTH = "both";
    /** Not the repository's tracked reports/ folder: a quick run from its root must not overwrite the full run there. */
    static final String DEFAULT_OUT = "digits-lab-reports";

    @Parameters(arity = "0..*", paramLabel = "EXPERIMENT", description = "Experiments from `digits-lab list`.")
    List<String> experiments = new ArrayList<>();

    @Option(names = "--all", description = "Run the whole catalogue.")
    boolean all;

    @Option(names = "--spec", paramLabel = "FILE", description = "Also run an experiment spec file (YAML or JSON).")
    List<Path> specFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = {"Set a field of every spec run, by its path, "
            + "e.g. optimizer.learningRate=0.003, l2=1e-4, network[0].units=256, seeds=[1,2]; checked like the spec "
            + "file. Repeatable."})
    List<String> sets = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "PATH=V1,V2,...", description = {"Run every combination of the values "
            + "given to the swept fields, e.g. --sweep optimizer.learningRate=0.0003,0.001,0.003 --sweep "
            + "batchSize=32,128, as a study of its own (EXPERIMENT-sweep) with a table and chart of test accuracy per "
            + "point; also a spec file's sweep: block (the command line's values replace the file's for a field). "
            + "Repeatable."})
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--impl", paramLabel = "ID", defaultValue = BOTH,
            description = "One implementation by its id (framework or scratch), or both (default: ${DEFAULT-VALUE}).")
    String impl;

    @Option(names = "--seeds", paramLabel = "N", description = "Run N seeds (the spec's first seed, +1, +2, …) instead of the spec's.")
    Integer seeds;

    @Option(names = "--epochs", paramLabel = "N", description = "Override every spec's epoch count.")
    Integer epochs;

    @Option(names = "--subset", paramLabel = "N", description = "Train on a stratified subset of N training images (quick runs).")
    Integer subset;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs at a time in this JVM (default: one per core while each can have 1 GiB of heap).")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "N",
            description = "Cores each run may compute with (default: the cores divided by the runs at a time); "
                    + "Deeplearning4j uses one thread on up to 2 (measured faster).")
    Integer threads;

    @Option(names = "--master", paramLabel = "URL", description = {"Run on Apache Spark instead of this JVM: local[N], "
            + "spark://HOST:PORT or k8s://HOST:PORT. Needs the Spark launcher, bin/digits-lab-spark (module "
            + "spark-runner); under spark-submit its --master is used."})
    String master;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT,
            description = "Report folder (default: ${DEFAULT-VALUE} in the current folder).")
    Path out;

    @Option(names = "--models", paramLabel = "DIR", description = "Where trained models are saved (default: OUT/models).")
    Path models;

    @Option(names = "--force", description = "Replace a full run's report with this run's even if it is a quick one.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkPositive("--seeds", seeds);
        checkPositive("--epochs", epochs);
        checkPositive("--subset", subset);
        checkPositive("--parallel", parallel);
        checkPositive("--threads", threads);
        List<Study> studies = studies();
        Implementations implementations = Implementations.discover();
        RunOptions options = new RunOptions(roles(implementations), seeds, epochs, subset,
                models != null ? models : this.out.resolve("models"));
        StudyRunner runner = new StudyRunner(options);
        if (!force) {
            FullRunGuard.requireNotReplaced(studies, s -> runner.trainings(List.of(s)), options.roles().size() == 2,
                    this.out, implementations);
        }
        runner.requireFits(studies, MnistSplits.IMAGE_PIXELS); // before any folder exists or anything is trained
        runner.requireData(studies, MnistSplits::load);
        List<ExperimentSpec> trainings = runner.trainings(studies);
        // a cluster is joined only once all is checked
        try (TaskExecutor executor = executor(implementations, options, trainings, out)) {
            return run(studies, options, implementations, runner, executor, out);
        }
    }

    /**
     * The local executor, or the distributed engine that accepts {@code --master} (or spark-submit's
     * {@code spark.master}), found with the ServiceLoader.
     */
    private TaskExecutor executor(Implementations implementations, RunOptions options, List<ExperimentSpec> trainings,
                                  PrintWriter out) throws IOException {
        String url = master != null ? master : System.getProperty("spark.master");
        if (url != null) {
            if (parallel != null || threads != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--parallel and --threads are for runs in "
                        + "this JVM; on Spark, runs at a time and threads per run are its executors' cores and "
                        + "spark.task.cpus");
            }
            for (ExecutorProvider provider : ServiceLoader.load(ExecutorProvider.class)) {
                if (provider.accepts(url)) {
                    return provider.open(url);
                }
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "--master " + url + ": no distributed engine "
                    + "on the class path runs it; Spark runs come with the Spark launcher, bin/digits-lab-spark "
                    + "(module spark-runner)");
        }
        int runsAtATime = parallel != null ? parallel : LocalExecutor.defaultParallelism();
        int threadsPerRun = threads != null ? threads : LocalExecutor.threadsFor(runsAtATime);
        int cores = Runtime.getRuntime().availableProcessors();
        Verbosity verbosity = verbosity();
        if (verbosity == Verbosity.VERBOSE) {
            new RunSetup(implementations, options, this.out, trainings.size(), runsAtATime, threadsPerRun).print(out);
        }
        if ((long) runsAtATime * threadsPerRun > cores && verbosity != Verbosity.QUIET) {
            spec.commandLine().getErr().printf("warning: %d run(s) at a time x %d thread(s) each is more threads than "
                    + "the %d cores: runs will slow each other down%n", runsAtATime, threadsPerRun, cores);
        }
        ProgressListeners listeners = ProgressListeners.NONE;
        if (verbosity != Verbosity.QUIET) {
            OverallProgress overall = new OverallProgress(trainings.size(),
                    trainings.stream().mapToDouble(StudyRunner::estimatedWork).sum(), System::nanoTime);
            // One progress bar at a time, on a terminal; runs in parallel get numbered lines instead.
            EpochProgress.Style style = new EpochProgress.Style(System.console() != null && runsAtATime == 1,
                    runsAtATime > 1, verbosity == Verbosity.VERBOSE);
            listeners = (s, implementation, seed) -> new EpochProgress(s.name() + "/" + implementation + "/seed "
                    + seed, s, overall, style, out);
        }
        return new LocalExecutor(new RunContext(implementations, MnistSplits::load, listeners), runsAtATime,
                threadsPerRun);
    }

    private int run(List<Study> studies, RunOptions options, Implementations implementations, StudyRunner runner,
                    TaskExecutor executor, PrintWriter out) throws IOException {
        ReportFolder reports = new ReportFolder(this.out, implementations);
        // The pages cover the studies already there: a damaged results.json is refused now, not after training.
        reports.readAllExcept(order(), studies.stream().map(Study::name).collect(Collectors.toSet()));
        List<Path> created = new ArrayList<>();
        try {
            created.addAll(OutputFolder.requireWritable("reports", this.out));
            created.addAll(OutputFolder.requireWritable("models", options.modelsDir()));
            return write(studies, runner, executor, options, reports, created, out);
        } finally {
            OutputFolder.removeEmpty(created); // a failed run leaves no empty folder behind
        }
    }

    private int write(List<Study> studies, StudyRunner runner, TaskExecutor executor, RunOptions options,
                      ReportFolder reports, List<Path> created, PrintWriter out) throws IOException {
        // Ctrl-C skips the caller's finally: the hook removes the folders this run created, if still empty.
        try (ReportFolder.CleanupOnExit cleanup = reports.cleanUpOnExit(() -> OutputFolder.removeEmpty(created),
                options.modelsDir())) {
            int failed = 0;
            List<WrittenStudy> written = new ArrayList<>();
            List<StudyRunner.PendingStudy> pending = new ArrayList<>(runner.start(studies, executor));
            while (!pending.isEmpty()) {
                // Each study is written as soon as it is complete (tasks go longest first, not in page order).
                StudyRunner.PendingStudy study = nextDone(pending);
                StudyResults results = study.await();
                try {
                    written.add(reports.replace(results));
                } catch (IOException e) {
                    throw new OutputFolder.NotWritableException("reports", this.out, e);
                }
                failed += (int) results.runs().stream().filter(r -> !r.ok()).count();
                if (verbosity() != Verbosity.QUIET) {
                    summarise(results, out);
                }
            }
            List<WrittenStudy> all = reports.studies(order(), written);
            try {
                reports.writePages(all);
            } catch (IOException e) {
                throw new OutputFolder.NotWritableException("reports", this.out, e);
            }
            out.printf("reports written to %s%n", this.out.toAbsolutePath().normalize());
            out.flush();
            return failed == 0 ? 0 : DigitsLab.RUN_FAILED;
        }
    }

    /** Waits for one of the studies to be complete and takes it out of the list (the first in the list if several). */
    private static StudyRunner.PendingStudy nextDone(List<StudyRunner.PendingStudy> pending) {
        CompletableFuture.anyOf(pending.stream().map(StudyRunner.PendingStudy::done)
                .toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).done().isDone()) {
                return pending.remove(i);
            }
        }
        throw new IllegalStateException("a study completed but none is done"); // anyOf returned: one is done
    }

    /** The order of studies in the pages: the catalogue's. */
    private static List<String> order() {
        return Catalogue.builtIn().studyNames();
    }

    /** The implementations {@code --impl} selects: one by its id, or both. */
    private List<Role> roles(Implementations implementations) {
        if (BOTH.equals(impl)) {
            return RunOptions.BOTH;
        }
        try {
            return List.of(implementations.roleOf(impl));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--impl must be "
                    + implementations.ids() + " or " + BOTH + ", found '" + impl + "'");
        }
    }

    private List<Study> studies() {
        Catalogue catalogue = Catalogue.builtIn();
        List<SpecOverride> overrides = sets.stream().map(SpecOverride::parse).toList();
        List<SpecSweep> swept = sweeps.stream().map(SpecSweep::parse).toList();
        SpecSweep.requireDistinct(overrides, swept);
        Map<String, Study> chosen = new LinkedHashMap<>();
        List<Study> named = new ArrayList<>();
        if (all) {
            named.addAll(catalogue.studies());
        }
        for (String name : experiments) {
            named.add(catalogue.study(name));
        }
        for (Study study : named) {
            Study varied = StudyVariation.of(study, overrides, swept);
            chosen.put(varied.name(), varied);
        }
        for (Path file : specFiles) {
            SpecFile read = SpecLoader.loadFile(file);
            ExperimentSpec s = read.spec();
            List<SpecSweep> fileSweep = StudyVariation.merge(read.sweep(), swept);
            SpecSweep.requireDistinct(overrides, fileSweep);
            Study varied = StudyVariation.of(new Study(s.name(), StudyKind.COMPARISON, s.title(), null, List.of(s)),
                    overrides, fileSweep);
            if (chosen.containsKey(varied.name())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "spec " + file + " is named '" + s.name()
                        + "', which is already an experiment of this run: give it another name");
            }
            chosen.put(varied.name(), varied);
        }
        if (chosen.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name an experiment (see `digits-lab list`), use --all, or give --spec FILE");
        }
        return List.copyOf(chosen.values());
    }

    private static void summarise(StudyResults results, PrintWriter out) {
        for (RunResult r : results.runs()) {
            String label = r.spec() + "/" + r.implementation() + "/seed " + r.seed() + ":";
            out.println(OverallProgress.fit(label, r.ok() ? String.format(Locale.ROOT, "test accuracy %.4f, %.2f s/epoch",
                    r.test().accuracy(), r.secondsPerEpoch()) : "FAILED: " + r.error()));
        }
        out.flush();
    }

    private Verbosity verbosity() {
        return Verbosity.of(spec.root().commandLine().getParseResult());
    }

    private void checkPositive(String option, Integer value) {
        if (value != null && value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be a positive number, found "
                    + value);
        }
    }
}
