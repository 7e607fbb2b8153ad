package dev.digitslab.scratch.bench;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.stats.Median;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import dev.digitslab.scratch.ScratchTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Training speed of 784-128(ReLU)-10(softmax) with Adam on the full real MNIST training set (59,940 of
 * the 60,000 official images; the spec requires some validation hold-out, here 0.1%). Per batch size: warm-up epochs, then the
 * median of timed epochs; finally the process's peak resident memory (VmHWM).
 *
 * <p>Run: {@code mvn -q -pl scratch-impl test-compile exec:exec@bench} (see the module README).
 * Arguments: [warm-up epochs] [timed epochs] [batch sizes...], default 2 5 32 128.
 */
public final class ScratchBenchmark {
    private ScratchBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] batchSizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {32, 128};
        ScratchTrainer trainer = new ScratchTrainer();
        System.out.println("scratch benchmark: " + trainer.description());
        // A 0.1% validation hold-out (60 images): the training split is 59,940 of the 60,000 official images.
        DataSpec data = new DataSpec("mnist", new TaskSpec.Multiclass(), 0.001, null);
        Splits splits = MnistSplits.load(data, 42);
        var train = splits.train();
        System.out.printf(Locale.ROOT, "training images: %d%n", train.count());
        for (int batch : batchSizes) {
            ExperimentSpec spec = new ExperimentSpec("bench-" + batch, null, data, List.of(
                    new LayerSpec.Dense(128, Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX)),
                    LossKind.CATEGORICAL_CROSS_ENTROPY, OptimizerSpec.adam(1e-3), 0.0, InitScheme.XAVIER, batch,
                    warmUp + timed, null);
            double[] seconds = new double[timed];
            double loss = 0;
            try (TrainableModel model = trainer.create(spec, train.featureCount(), 42, null)) {
                for (int epoch = 1; epoch <= warmUp + timed; epoch++) {
                    int[] order = BatchOrder.permutation(42, epoch, train.count());
                    long start = System.nanoTime();
                    loss = TrainingRun.trainEpoch(model, train, order, epoch, TrainingListener.NONE);
                    double s = (System.nanoTime() - start) / 1e9;
                    if (epoch > warmUp) {
                        seconds[epoch - warmUp - 1] = s;
                    }
                }
            }
            double median = Median.of(seconds);
            Arrays.sort(seconds);
            System.out.printf(Locale.ROOT, "batch %4d: %.3f s/epoch (median of %d, min %.3f, max %.3f), %.0f samples/s,"
                    + " last training loss %.4f%n", batch, median, timed, seconds[0], seconds[timed - 1],
                    train.count() / median, loss);
        }
        System.out.println("peak RSS (VmHWM): " + peakResidentMemory());
    }

    private static String peakResidentMemory() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown (no /proc/self/status)";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring("VmHWM:".length()).trim()).findFirst().orElse("unknown");
    }
}
