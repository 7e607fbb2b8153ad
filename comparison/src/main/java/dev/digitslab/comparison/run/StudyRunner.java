package dev.digitslab.comparison.run;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.Role;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.comparison.catalogue.Study;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.eval.McNemarTest;
import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.PairComparison;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.results.TransferResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs studies: plans each study as {@link RunTask}s (a comparison: one {@link TrainTask} per spec, seed and
 * implementation; weight transfer and lockstep: one task per spec holding both implementations), hands every task
 * of every study to a {@link TaskExecutor} at once, and assembles each study's {@link StudyResults} from the
 * outcomes in plan order, whatever order they finish in. So a run gives the same results serially, in parallel or on
 * a cluster, apart from timings. A run that fails is recorded as failed with its reason; the other runs go on.
 */
public final class StudyRunner {
    private static final Logger log = LoggerFactory.getLogger(StudyRunner.class);

    private final RunOptions options;
    private final Implementations implementations;
    /** The selected implementations, reference first. */
    private final Map<Role, Trainer> trainers = new EnumMap<>(Role.class);

    public StudyRunner(RunOptions options) {
        this.options = options;
        this.implementations = Implementations.discover();
        for (Role role : options.roles()) {
            trainers.put(role, implementations.get(role));
        }
    }

    /**
     * Asks every selected implementation whether it can build and train every spec of the studies (with this run's
     * overrides), before anything is trained or written: a network too big stops the whole run at once, with
     * the implementation's one-line reason, instead of failing run after run.
     *
     * @param inputCount the data's pixels per image
     * @throws dev.digitslab.api.train.ResourceLimitException for the first spec and implementation that do not fit
     */
    public void requireFits(List<Study> studies, int inputCount) {
        for (Study study : studies) {
            for (ExperimentSpec spec : study.specs()) {
                for (Trainer trainer : trainers.values()) {
                    trainer.requireFits(applyOverrides(spec), inputCount);
                }
            }
        }
    }

    /**
     * Builds each spec's splits for its first seed here, before anything is trained or written, so that data that
     * cannot be had (an unknown data set, files not found, a subset larger than the task's images) stops the run at
     * once with its one-line reason. The splits stay cached for the runs of this JVM that need them.
     */
    public void requireData(List<Study> studies, SplitSource splits) {
        for (Study study : studies) {
            for (ExperimentSpec spec : study.specs()) {
                ExperimentSpec applied = applyOverrides(spec);
                splits.load(applied.data(), applied.seeds().get(0));
            }
        }
    }

    /** A study whose tasks are running: {@link #await} assembles its results once they are all done. */
    public final class PendingStudy {
        private final Study study;
        private final List<RunTask> tasks;
        private final List<CompletableFuture<TaskOutcome>> outcomes;
        private final TaskExecutor executor;
        private final CompletableFuture<Void> done;

        private PendingStudy(Study study, List<RunTask> tasks, List<CompletableFuture<TaskOutcome>> outcomes,
                             TaskExecutor executor) {
            this.study = study;
            this.tasks = tasks;
            this.outcomes = outcomes;
            this.executor = executor;
            this.done = CompletableFuture.allOf(outcomes.stream().map(f -> f.handle((outcome, failure) -> null))
                    .toArray(CompletableFuture[]::new));
        }

        public String name() {
            return study.name();
        }

        /** Completes once every task of the study has an outcome or has failed: {@link #await} then returns at once. */
        public CompletableFuture<Void> done() {
            return done;
        }

        /** Waits for the study's tasks and assembles its results; trained models are written on the way. */
        public StudyResults await() {
            List<TaskOutcome> done = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                done.add(outcomeOf(tasks.get(i), outcomes.get(i)));
            }
            return assemble(study, done, executor);
        }
    }

    /** Plans every study and submits all their tasks at once, so that the executor is never idle between studies. */
    public List<PendingStudy> start(List<Study> studies, TaskExecutor executor) {
        List<Study> applied = studies.stream().map(this::withOverrides).toList();
        List<List<RunTask>> plans = applied.stream().map(study -> plan(study, executor.threadsPerTask())).toList();
        List<RunTask> all = plans.stream().flatMap(List::stream).toList();
        log.info("{} studies, {} tasks, {}", studies.size(), all.size(), executor.describe());
        List<CompletableFuture<TaskOutcome>> futures = submitLongestFirst(all, executor);
        List<PendingStudy> pending = new ArrayList<>();
        int from = 0;
        for (int s = 0; s < applied.size(); s++) {
            int to = from + plans.get(s).size();
            pending.add(new PendingStudy(applied.get(s), plans.get(s), futures.subList(from, to), executor));
            from = to;
        }
        return pending;
    }

    /**
     * Submits the tasks longest first (by {@link #estimatedWork}), so that the last tasks to start are short ones and
     * no core idles while one long run finishes alone; returns the futures in plan order.
     */
    private static List<CompletableFuture<TaskOutcome>> submitLongestFirst(List<RunTask> tasks,
                                                                           TaskExecutor executor) {
        List<Integer> order = IntStream.range(0, tasks.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -estimatedWork(tasks.get(i)))).toList(); // stable
        List<CompletableFuture<TaskOutcome>> submitted = executor.submit(order.stream().map(tasks::get).toList());
        List<CompletableFuture<TaskOutcome>> inPlanOrder = new ArrayList<>(Collections.nCopies(tasks.size(), null));
        for (int k = 0; k < order.size(); k++) {
            inPlanOrder.set(order.get(k), submitted.get(k));
            RunTask task = tasks.get(order.get(k));
            long start = System.nanoTime();
            log.debug("task {} submitted ({} of {})", task.label(), k + 1, order.size());
            submitted.get(k).whenComplete((outcome, failure) -> log.debug("task {} {} after {} s", task.label(),
                    failure == null ? "done" : "failed", (System.nanoTime() - start) / 1_000_000_000));
        }
        return inPlanOrder;
    }

    /**
     * A task's work, roughly, for ordering only: epochs × training images × the network's total width (the first
     * layer's 784 × units dominates a step and grows with the widths), twice for tasks that train both
     * implementations. The full training set stands for "all images" whatever the task keeps of it.
     */
    static double estimatedWork(RunTask task) {
        return trainingsIn(task) * estimatedWork(task.spec());
    }

    /** One training run's work, roughly (see {@link #estimatedWork(RunTask)}): for ordering and progress estimates. */
    public static double estimatedWork(ExperimentSpec spec) {
        double images = spec.data().subset() != null ? spec.data().subset() : 60_000;
        double width = spec.network().stream().mapToInt(l -> l instanceof LayerSpec.Dense d ? d.units() : 0).sum();
        return spec.epochs() * images * width;
    }

    private static int trainingsIn(RunTask task) {
        return task instanceof TrainTask ? 1 : 2;
    }

    /**
     * The training runs the studies will make, one entry per (spec with this run's overrides, implementation, seed)
     * whatever task holds it, in plan order: what a progress display counts.
     */
    public List<ExperimentSpec> trainings(List<Study> studies) {
        List<ExperimentSpec> trainings = new ArrayList<>();
        for (Study study : studies) {
            for (RunTask task : plan(withOverrides(study), 1)) {
                trainings.addAll(Collections.nCopies(trainingsIn(task), task.spec()));
            }
        }
        return trainings;
    }

    /** Runs one study and waits for it. */
    public StudyResults run(Study study, TaskExecutor executor) {
        return start(List.of(study), executor).get(0).await();
    }

    private Study withOverrides(Study study) {
        if (study.kind() != StudyKind.COMPARISON && trainers.size() != 2) {
            throw new IllegalArgumentException("study " + study.name() + " (" + study.kind().id()
                    + ") needs both implementations, but only " + trainers.values().stream().map(Trainer::id).toList()
                    + " were selected");
        }
        List<ExperimentSpec> specs = new ArrayList<>();
        Map<String, ExperimentSpec> baselines = new LinkedHashMap<>();
        for (ExperimentSpec spec : study.specs()) {
            ExperimentSpec applied = applyOverrides(spec);
            specs.add(applied);
            baselines.put(applied.name(), study.baselineOf(spec));
        }
        return new Study(study.name(), study.kind(), study.title(), study.accuracyBar(), specs, baselines,
                study.sweep());
    }

    /** The study's tasks, in the order its results list their runs. */
    private List<RunTask> plan(Study study, int threads) {
        boolean keepModels = options.modelsDir() != null;
        List<RunTask> tasks = new ArrayList<>();
        for (ExperimentSpec spec : study.specs()) {
            long first = spec.seeds().get(0);
            switch (study.kind()) {
                case COMPARISON -> {
                    for (long seed : spec.seeds()) {
                        KeepOutputs keep = new KeepOutputs(seed == first, keepModels);
                        for (Trainer trainer : trainers.values()) {
                            tasks.add(new TrainTask(spec, trainer.id(), seed, threads, keep));
                        }
                    }
                }
                case WEIGHT_TRANSFER -> tasks.add(new TransferTask(spec, first, threads,
                        new KeepOutputs(true, keepModels)));
                case LOCKSTEP -> tasks.add(new LockstepTask(spec, first, threads));
            }
        }
        return tasks;
    }

    ExperimentSpec applyOverrides(ExperimentSpec spec) {
        ExperimentSpec s = spec;
        if (options.epochs() != null) {
            s = s.withEpochs(options.epochs());
        }
        if (options.seedCount() != null) {
            long first = s.seeds().get(0);
            List<Long> seeds = new ArrayList<>();
            for (int i = 0; i < options.seedCount(); i++) {
                seeds.add(first + i);
            }
            s = s.withSeeds(seeds);
        }
        if (options.subset() != null) {
            s = s.withData(s.data().withSubset(options.subset()));
        }
        return s;
    }

    /** The task's outcome, or its runs marked failed if it could not run at all (never dropped). */
    private static TaskOutcome outcomeOf(RunTask task, CompletableFuture<TaskOutcome> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.error("task {} could not run: {}", task.label(), TrainedRun.reason(cause), cause);
            return task.failed(TrainedRun.reason(cause));
        }
    }

    private StudyResults assemble(Study study, List<TaskOutcome> outcomes, TaskExecutor executor) {
        List<RunResult> runs = new ArrayList<>();
        Map<SpecSeed, Map<Role, TestPredictions>> bySpecAndSeed = new LinkedHashMap<>();
        List<TransferResult> transfers = new ArrayList<>();
        List<LockstepEpoch> lockstep = new ArrayList<>();
        Map<String, String> environment = null;
        for (TaskOutcome outcome : outcomes) {
            runs.addAll(outcome.runs());
            for (TestPredictions p : outcome.predictions()) {
                bySpecAndSeed.computeIfAbsent(new SpecSeed(p.spec(), p.seed()), k -> new EnumMap<>(Role.class))
                        .put(implementations.roleOf(p.implementation()), p);
            }
            transfers.addAll(outcome.transfers());
            lockstep.addAll(outcome.lockstep());
            writeModels(outcome.models());
            if (environment == null && !outcome.environment().isEmpty()) {
                environment = new LinkedHashMap<>(outcome.environment());
            }
        }
        if (environment == null) { // nothing ran: describe the driver
            environment = RunEnvironment.describe(List.copyOf(trainers.values()), executor.threadsPerTask());
        }
        environment.put("execution", executor.describe());
        List<PairComparison> pairs = new ArrayList<>();
        for (Map<Role, TestPredictions> both : bySpecAndSeed.values()) {
            if (both.size() == 2) {
                pairs.add(pair(both.get(Role.REFERENCE), both.get(Role.CANDIDATE)));
            }
        }
        return new StudyResults(study.name(), study.kind(), study.title(), study.accuracyBar(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), environment, study.specs(), runs, pairs,
                transfers, lockstep, study.sweep(), overrides(study));
    }

    /** Per spec, what it is trained with unlike the catalogue or spec file (its name and title aside: not training). */
    static Map<String, Map<String, String>> overrides(Study study) {
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        for (ExperimentSpec spec : study.specs()) {
            Map<String, String> changed = new LinkedHashMap<>(SpecLoader.differences(study.baselineOf(spec), spec));
            changed.remove("name");
            changed.remove("title");
            if (!changed.isEmpty()) {
                overrides.put(spec.name(), changed);
            }
        }
        return overrides;
    }

    private void writeModels(List<SavedModel> models) {
        if (options.modelsDir() == null) {
            return;
        }
        for (SavedModel model : models) {
            try {
                model.writeUnder(options.modelsDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the trained model to " + model.path(options.modelsDir())
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private record SpecSeed(String spec, long seed) {
    }

    private static PairComparison pair(TestPredictions reference, TestPredictions candidate) {
        int[] r = reference.predicted();
        int[] c = candidate.predicted();
        int same = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == c[i]) {
                same++;
            }
        }
        McNemarTest mcNemar = McNemarTest.of(reference.labels(), r, c);
        return new PairComparison(reference.spec(), reference.seed(), (double) same / r.length, mcNemar.onlyFirstCorrect(),
                mcNemar.onlySecondCorrect(), mcNemar.pValue());
    }
}
