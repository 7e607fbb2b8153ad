package dev.digitslab.framework.bench;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.LossKind;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.api.stats.Median;
import dev.digitslab.api.train.Scores;
import dev.digitslab.api.train.TrainableModel;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.LabelledImages;
import dev.digitslab.datasets.MnistDataset;
import dev.digitslab.datasets.MnistSplits;
import dev.digitslab.framework.FrameworkTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.WorkspaceMode;

/**
 * Training speed of the Deeplearning4j implementation: 784-128(ReLU)-10(softmax), Adam 1e-3, on the full
 * official MNIST training set (60,000 images), per batch size: warm-up epochs, then the median of the
 * measured epochs' {@code TrainingRun.trainEpoch} wall time and training-thread CPU time, samples/s, test
 * accuracy as a sanity check, and the process's peak resident memory (VmHWM).
 *
 * <p>Arguments (all optional): {@code batches=32,128 epochs=5 warmup=1 workspaces=ENABLED|NONE optimizer=adam|sgd
 * threads=N}; threads caps ND4J's threads from inside the JVM (to compare with OMP_NUM_THREADS)
 * (sgd, lr 0.1, only to separate the optimiser's cost).
 * Run it as the module README shows, so that OMP_NUM_THREADS is set.
 */
public final class FrameworkBenchmark {
    private FrameworkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int[] batchSizes = {32, 128};
        int epochs = 5;
        int warmup = 1;
        WorkspaceMode workspaces = WorkspaceMode.ENABLED;
        String optimizer = "adam";
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "batches" -> batchSizes = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "epochs" -> epochs = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "workspaces" -> workspaces = WorkspaceMode.valueOf(kv[1]);
                case "optimizer" -> optimizer = kv[1];
                case "threads" -> dev.digitslab.framework.NativeRuntime.limitThreads(Integer.parseInt(kv[1]));
                default -> throw new IllegalArgumentException("unknown argument '" + arg
                        + "' (expected batches=, epochs=, warmup=, workspaces=, optimizer=adam|sgd)");
            }
        }
        MnistDataset mnist = MnistSplits.dataset();
        ImageSet train = imageSet(mnist.train());
        ImageSet test = imageSet(mnist.test());
        FrameworkTrainer trainer = new FrameworkTrainer(workspaces);
        System.out.println("# " + trainer.description());
        for (Map.Entry<String, String> e : trainer.environment().entrySet()) {
            System.out.println("#   " + e.getKey() + " = " + e.getValue());
        }
        System.out.printf("# model 784-128(relu)-10(softmax), %s, %d training images, %d warm-up + %d measured epochs%n",
                optimizer, train.count(), warmup, epochs);
        // Thread CPU time: with one OpenMP/BLAS thread the training thread does all the work, so its CPU time
        // is what the epoch costs on an otherwise idle machine (wall time suffers from other processes).
        System.out.println("batch  median_s/epoch  min_s  max_s  cpu_s/epoch  samples/s  test_acc  peak_rss_MiB");
        for (int batch : batchSizes) {
            ExperimentSpec spec = spec(batch, warmup + epochs, optimizer);
            List<Double> seconds = new ArrayList<>();
            List<Double> cpuSeconds = new ArrayList<>();
            try (TrainableModel model = trainer.create(spec, train.featureCount(), 42L, null)) {
                for (int epoch = 1; epoch <= warmup + epochs; epoch++) {
                    int[] order = BatchOrder.permutation(42L, epoch, train.count());
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    TrainingRun.trainEpoch(model, train, order, epoch, TrainingListener.NONE);
                    double s = (System.nanoTime() - start) / 1e9;
                    double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                    if (epoch > warmup) {
                        seconds.add(s);
                        cpuSeconds.add(cpu);
                    }
                }
                double accuracy = Scores.accuracy(model.predict(test), test.outputCount(), test.labels());
                double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = Median.of(sorted);
                double cpuMedian = Median.of(cpuSeconds.stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf("%5d  %14.3f  %5.3f  %5.3f  %12.3f  %9.0f  %8.4f  %12d%n", batch, median, sorted[0],
                        sorted[sorted.length - 1], cpuMedian, train.count() / median, accuracy, peakRssMiB());
            }
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static ExperimentSpec spec(int batchSize, int epochs, String optimizer) {
        return new ExperimentSpec("benchmark-784-128-10", null,
                new DataSpec("mnist", new TaskSpec.Multiclass(), null, null),
                List.of(new LayerSpec.Dense(128, Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX)),
                LossKind.CATEGORICAL_CROSS_ENTROPY,
                "sgd".equals(optimizer) ? OptimizerSpec.sgd(0.1) : OptimizerSpec.adam(1e-3), 0.0, null, batchSize, epochs, null);
    }

    /** An official MNIST file set as an ImageSet (multiclass labels, pixels / 255). */
    static ImageSet imageSet(LabelledImages images) {
        int n = images.count();
        int pixels = images.pixelCount();
        float[] features = new float[n * pixels];
        byte[] raw = images.pixels();
        for (int i = 0; i < features.length; i++) {
            features[i] = (raw[i] & 0xff) / 255f;
        }
        int[] labels = new int[n];
        byte[] digits = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = images.label(i);
            digits[i] = (byte) labels[i];
        }
        return new ImageSet(features, labels, digits, n, pixels, 10);
    }

    /** Peak resident set size of this process in MiB, from /proc/self/status (Linux), or −1. */
    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
