package dev.digitslab.comparison.run;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingResult;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.comparison.eval.Evaluation;
import dev.digitslab.comparison.eval.Evaluator;
import dev.digitslab.comparison.results.Misclassified;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.TestSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One implementation trained on one spec and seed, inside a task, and evaluated by the one {@link Evaluator}.
 *
 * @param result   what results.json records; failed (with its reason and the history so far) if training threw
 * @param training the trained parameters and test probabilities, or null when the run failed
 * @param model    the saved model file, or null when not asked for or failed
 */
record TrainedRun(RunResult result, TrainingResult training, SavedModel model) {
    private static final Logger log = LoggerFactory.getLogger(TrainedRun.class);

    /**
     * Trains {@code trainer} on the splits with {@link TrainingRun}, evaluates it on the test split.
     *
     * @param initial starting parameters, or null for the spec's initialisation
     */
    static TrainedRun train(Trainer trainer, ExperimentSpec spec, Splits splits, long seed, ModelParameters initial,
                            int threads, TrainingListener listener, KeepOutputs keep) {
        List<EpochRecord> history = new ArrayList<>();
        byte[][] modelBytes = new byte[1][];
        try (MemoryProbe memory = MemoryProbe.start()) {
            TrainingListener recording = TrainingListener.all(listener, new TrainingListener() {
                @Override
                public void onEpoch(EpochRecord record) {
                    history.add(record);
                    memory.sample();
                }
            });
            TrainingResult result = TrainingRun.run(trainer, spec, splits, seed, initial, threads, recording,
                    model -> modelBytes[0] = keep.model() ? bytesOf(model) : null);
            ImageSet test = splits.test();
            Evaluation evaluation = Evaluator.evaluate(result.testProbabilities(), test.outputCount(), test.labels());
            RunResult run = new RunResult(spec.name(), trainer.id(), seed, RunResult.OK, null, result.history(),
                    TestSummary.of(evaluation), result.medianEpochSeconds(), result.parameters().trainableSize(),
                    keep.mistakes() ? mistakes(result.testProbabilities(), test) : List.of(), memory.memory());
            SavedModel model = modelBytes[0] == null ? null
                    : new SavedModel(spec.name(), trainer.id(), seed, modelBytes[0]);
            return new TrainedRun(run, result, model);
        } catch (RuntimeException e) {
            log.error("{} on {} (seed {}) failed: {}", trainer.id(), spec.name(), seed, e.getMessage());
            return new TrainedRun(failed(spec, trainer.id(), seed, reason(e), history), null, null);
        }
    }

    boolean ok() {
        return result.ok();
    }

    /** The predicted class of every test image, with the labels. */
    TestPredictions predictions(ImageSet test) {
        return new TestPredictions(result.spec(), result.implementation(), result.seed(),
                Scores.predictedClasses(training.testProbabilities(), test.outputCount()), test.labels().clone());
    }

    static RunResult failed(ExperimentSpec spec, String implementation, long seed, String reason,
                            List<EpochRecord> history) {
        return new RunResult(spec.name(), implementation, seed, RunResult.FAILED, reason, history, null, Double.NaN,
                0, List.of());
    }

    /** One failed run per implementation, reference first: a two-implementation task that could not run. */
    static List<RunResult> failedForBoth(ExperimentSpec spec, long seed, String reason) {
        return Implementations.discover().both().stream()
                .map(t -> failed(spec, t.id(), seed, reason, List.of())).toList();
    }

    static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    /** The model file's bytes: saved to a temporary file where the run trained, read back, deleted. */
    private static byte[] bytesOf(TrainableModel model) {
        Path file = null;
        try {
            file = Files.createTempFile("digits-lab-", ".model");
            model.save(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trained model: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file the OS cleans up
                }
            }
        }
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
}
