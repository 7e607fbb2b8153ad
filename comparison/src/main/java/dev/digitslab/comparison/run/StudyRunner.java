package dev.digitslab.comparison.run;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.api.train.Role;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingResult;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.comparison.catalogue.Study;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.eval.Evaluation;
import dev.digitslab.comparison.eval.Evaluator;
import dev.digitslab.comparison.eval.McNemarTest;
import dev.digitslab.comparison.results.LockstepEpoch;
import dev.digitslab.comparison.results.Misclassified;
import dev.digitslab.comparison.results.PairComparison;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.results.TestSummary;
import dev.digitslab.comparison.results.TransferResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs studies: trains each spec with each implementation on identical splits, evaluates every run with
 * the one {@link Evaluator}, and returns {@link StudyResults}. A run that fails (e.g. diverges) is
 * recorded as failed with its reason; the other runs go on.
 */
public final class StudyRunner {
    private static final Logger log = LoggerFactory.getLogger(StudyRunner.class);

    private final RunOptions options;
    private final SplitSource splitSource;
    private final ProgressListeners listeners;
    /** The selected implementations, reference first. */
    private final Map<Role, Trainer> trainers = new EnumMap<>(Role.class);
    /** Trained results by (spec, implementation, seed), so a later study can reuse an earlier run. */
    private final Map<String, TrainingResult> trained = new HashMap<>();
    private final Map<String, RunResult> evaluated = new HashMap<>();

    public StudyRunner(RunOptions options, SplitSource splitSource, ProgressListeners listeners) {
        this.options = options;
        this.splitSource = splitSource;
        this.listeners = listeners;
        Implementations implementations = Implementations.discover();
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

    public StudyResults run(Study study) {
        Study applied = study.withSpecs(study.specs().stream().map(this::applyOverrides).toList());
        if (applied.kind() != StudyKind.COMPARISON && trainers.size() != 2) {
            throw new IllegalArgumentException("study " + study.name() + " (" + study.kind().id()
                    + ") needs both implementations, but only " + trainers.values().stream().map(Trainer::id).toList()
                    + " were selected");
        }
        log.info("study {}: {}", study.name(), study.title());
        List<RunResult> runs = new ArrayList<>();
        List<PairComparison> pairs = new ArrayList<>();
        List<TransferResult> transfers = new ArrayList<>();
        List<LockstepEpoch> lockstep = new ArrayList<>();
        for (ExperimentSpec spec : applied.specs()) {
            switch (applied.kind()) {
                case COMPARISON -> compare(spec, runs, pairs);
                case WEIGHT_TRANSFER -> transfer(spec, runs, transfers);
                case LOCKSTEP -> lockstep(spec, runs, lockstep);
            }
        }
        return new StudyResults(study.name(), study.kind(), study.title(), study.accuracyBar(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                RunEnvironment.describe(List.copyOf(trainers.values())), applied.specs(), runs, pairs, transfers,
                lockstep);
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

    private void compare(ExperimentSpec spec, List<RunResult> runs, List<PairComparison> pairs) {
        for (long seed : spec.seeds()) {
            Splits splits = splitSource.load(spec.data(), seed);
            Map<Role, TrainingResult> bySeed = new EnumMap<>(Role.class);
            for (Trainer trainer : trainers.values()) {
                boolean keepMistakes = seed == spec.seeds().get(0);
                RunResult run = train(trainer, spec, splits, seed, null, keepMistakes);
                runs.add(run);
                TrainingResult result = trained.get(key(spec, trainer.id(), seed));
                if (run.ok() && result != null) {
                    bySeed.put(trainer.role(), result);
                }
            }
            if (bySeed.size() == 2) {
                pairs.add(pair(spec, seed, splits.test(), bySeed.get(Role.REFERENCE), bySeed.get(Role.CANDIDATE)));
            }
        }
    }

    private void transfer(ExperimentSpec spec, List<RunResult> runs, List<TransferResult> transfers) {
        long seed = spec.seeds().get(0);
        Splits splits = splitSource.load(spec.data(), seed);
        for (Trainer source : trainers.values()) {
            Trainer target = other(source);
            TrainingResult result = trained.get(key(spec, source.id(), seed));
            if (result == null) {
                RunResult run = train(source, spec, splits, seed, null, false);
                runs.add(run);
                if (!run.ok()) {
                    continue;
                }
                result = trained.get(key(spec, source.id(), seed));
            } else {
                log.info("weight transfer reuses the {} run of {} (seed {})", source.id(), spec.name(), seed);
                runs.add(evaluated.get(key(spec, source.id(), seed)));
            }
            float[] sourceProbs = result.testProbabilities();
            float[] targetProbs;
            try (TrainableModel model = target.create(spec, splits.test().featureCount(), seed, result.parameters())) {
                targetProbs = model.predict(splits.test());
            }
            int outputs = splits.test().outputCount();
            int[] labels = splits.test().labels();
            int[] a = Scores.predictedClasses(sourceProbs, outputs);
            int[] b = Scores.predictedClasses(targetProbs, outputs);
            int differing = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] != b[i]) {
                    differing++;
                }
            }
            double maxDiff = 0;
            for (int i = 0; i < sourceProbs.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(sourceProbs[i] - targetProbs[i]));
            }
            transfers.add(new TransferResult(spec.name(), seed, source.id(), target.id(), labels.length, maxDiff,
                    differing, Scores.accuracy(sourceProbs, outputs, labels),
                    Scores.accuracy(targetProbs, outputs, labels)));
        }
    }

    private void lockstep(ExperimentSpec spec, List<RunResult> runs, List<LockstepEpoch> epochs) {
        long seed = spec.seeds().get(0);
        Splits splits = splitSource.load(spec.data(), seed);
        // One shared start: the candidate's initialisation, loaded into both.
        ModelParameters start;
        try (TrainableModel model = trainers.get(Role.CANDIDATE).create(spec, splits.train().featureCount(), seed, null)) {
            start = model.parameters();
        }
        Map<Role, List<ModelParameters>> snapshots = new EnumMap<>(Role.class);
        Map<Role, List<EpochRecord>> histories = new EnumMap<>(Role.class);
        for (Trainer trainer : trainers.values()) {
            List<ModelParameters> perEpoch = new ArrayList<>();
            TrainingListener capture = TrainingListener.all(listeners.forRun(spec, trainer.id(), seed),
                    new TrainingListener() {
                        @Override
                        public void onEpoch(EpochRecord record, TrainableModel model) {
                            perEpoch.add(model.parameters());
                        }
                    });
            RunResult run = train(trainer, spec, splits, seed, start, capture, false);
            runs.add(run);
            if (!run.ok()) {
                return;
            }
            snapshots.put(trainer.role(), perEpoch);
            histories.put(trainer.role(), run.history());
        }
        List<ModelParameters> r = snapshots.get(Role.REFERENCE);
        List<ModelParameters> c = snapshots.get(Role.CANDIDATE);
        for (int e = 0; e < r.size(); e++) {
            EpochRecord rr = histories.get(Role.REFERENCE).get(e);
            EpochRecord cr = histories.get(Role.CANDIDATE).get(e);
            double distance = r.get(e).distance(c.get(e));
            epochs.add(new LockstepEpoch(e + 1, distance, distance / r.get(e).norm(),
                    r.get(e).maxAbsDifference(c.get(e)), rr.trainingLoss(), cr.trainingLoss(), rr.validationLoss(),
                    cr.validationLoss()));
        }
    }

    private RunResult train(Trainer trainer, ExperimentSpec spec, Splits splits, long seed, ModelParameters initial,
                            boolean keepMistakes) {
        return train(trainer, spec, splits, seed, initial,
                listeners.forRun(spec, trainer.id(), seed), keepMistakes);
    }

    private RunResult train(Trainer trainer, ExperimentSpec spec, Splits splits, long seed, ModelParameters initial,
                            TrainingListener listener, boolean keepMistakes) {
        List<EpochRecord> history = new ArrayList<>();
        TrainingListener recording = TrainingListener.all(listener, new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                history.add(record);
            }
        });
        try {
            TrainingResult result = TrainingRun.run(trainer, spec, splits, seed, initial, recording,
                    model -> save(model, spec, trainer.id(), seed));
            ImageSet test = splits.test();
            Evaluation evaluation = Evaluator.evaluate(result.testProbabilities(), test.outputCount(), test.labels());
            RunResult run = new RunResult(spec.name(), trainer.id(), seed, RunResult.OK, null, result.history(),
                    TestSummary.of(evaluation), result.medianEpochSeconds(), result.parameters().trainableSize(),
                    keepMistakes ? mistakes(result.testProbabilities(), test) : List.of());
            if (initial == null) {
                trained.put(key(spec, trainer.id(), seed), result);
                evaluated.put(key(spec, trainer.id(), seed), run);
            }
            return run;
        } catch (RuntimeException e) {
            log.error("{} on {} (seed {}) failed: {}", trainer.id(), spec.name(), seed, e.getMessage());
            return new RunResult(spec.name(), trainer.id(), seed, RunResult.FAILED,
                    e.getMessage() == null ? e.getClass().getName() : e.getMessage(), history, null, Double.NaN, 0,
                    List.of());
        }
    }

    private void save(TrainableModel model, ExperimentSpec spec, String implementation, long seed) {
        if (options.modelsDir() == null) {
            return;
        }
        Path file = options.modelsDir().resolve(spec.name()).resolve(implementation + "-seed" + seed + ".model");
        try {
            model.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trained model to " + file + ": " + e.getMessage(), e);
        }
    }

    private static PairComparison pair(ExperimentSpec spec, long seed, ImageSet test, TrainingResult reference,
                                       TrainingResult candidate) {
        int outputs = test.outputCount();
        int[] r = Scores.predictedClasses(reference.testProbabilities(), outputs);
        int[] c = Scores.predictedClasses(candidate.testProbabilities(), outputs);
        int same = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == c[i]) {
                same++;
            }
        }
        McNemarTest mcNemar = McNemarTest.of(test.labels(), r, c);
        return new PairComparison(spec.name(), seed, (double) same / r.length, mcNemar.onlyFirstCorrect(),
                mcNemar.onlySecondCorrect(), mcNemar.pValue());
    }

    /** The most confident mistakes, with their pixels for the report's grid. */
    static List<Misclassified> mistakes(float[] probabilities, ImageSet test) {
        int outputs = test.outputCount();
        int[] predicted = Scores.predictedClasses(probabilities, outputs);
        List<Misclassified> wrong = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] != test.labels()[i]) {
                double confidence = outputs == 1
                        ? (predicted[i] == 1 ? probabilities[i] : 1 - probabilities[i])
                        : probabilities[i * outputs + predicted[i]];
                wrong.add(new Misclassified(i, test.digits()[i], test.labels()[i], predicted[i], confidence, null));
            }
        }
        wrong.sort(Comparator.comparingDouble(Misclassified::confidence).reversed()
                .thenComparingInt(Misclassified::index));
        List<Misclassified> kept = new ArrayList<>();
        for (Misclassified m : wrong.subList(0, Math.min(Misclassified.MAX_PER_RUN, wrong.size()))) {
            byte[] pixels = new byte[test.featureCount()];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (byte) Math.round(test.features()[m.index() * test.featureCount() + p] * 255f);
            }
            kept.add(new Misclassified(m.index(), m.digit(), m.label(), m.predicted(), m.confidence(),
                    Base64.getEncoder().encodeToString(pixels)));
        }
        return kept;
    }

    private Trainer other(Trainer trainer) {
        return trainers.values().stream().filter(t -> t != trainer).findFirst().orElseThrow();
    }

    private static String key(ExperimentSpec spec, String implementation, long seed) {
        // The spec's full content, not its name: overrides (epochs, subset) make a different run.
        return dev.digitslab.api.spec.SpecLoader.toJson(spec) + "|" + implementation + "|" + seed;
    }
}
