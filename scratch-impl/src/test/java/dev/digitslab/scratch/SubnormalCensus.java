package dev.digitslab.scratch;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import dev.digitslab.scratch.nn.Parameter;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts subnormal floats (0 < |x| < 2^-126) in a scratch network's parameters, last-batch gradients and optimiser
 * state after every epoch, next to the epoch's time: the evidence for or against subnormal arithmetic as the cause of
 * epochs that slow down as training goes on (many CPUs take a slow path for every subnormal operand or result).
 *
 * <p>Run: {@code mvn -q -pl scratch-impl test-compile exec:exec@subnormals -Dsubnormals.args="SPEC.yaml EPOCHS"}.
 */
public final class SubnormalCensus {
    private SubnormalCensus() {
    }

    public static void main(String[] args) {
        ExperimentSpec spec = SpecLoader.load(Path.of(args[0]));
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : spec.epochs();
        long seed = spec.seeds().get(0);
        Splits splits = MnistSplits.load(spec.data(), seed);
        var train = splits.train();
        System.out.println("epoch  seconds  subnormal parameters / gradients / optimiser state (of all elements)");
        try (ScratchModel model = (ScratchModel) new ScratchTrainer().create(spec, train.featureCount(), seed, null, 1)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                TrainingRun.trainEpoch(model, train, BatchOrder.permutation(seed, epoch, train.count()), epoch,
                        TrainingListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                List<Parameter> parameters = model.network().parameters();
                System.out.printf(Locale.ROOT, "%5d  %7.2f  %s / %s / %s%n", epoch, seconds,
                        census(parameters.stream().map(Parameter::value).toList()),
                        census(parameters.stream().map(Parameter::gradient).toList()),
                        census(model.optimizer().state()));
            }
        }
    }

    private static String census(List<Tensor> tensors) {
        long subnormal = 0;
        long total = 0;
        for (Tensor t : tensors) {
            float[] data = ((FloatTensor) t).data();
            for (float x : data) {
                if (x != 0f && Math.abs(x) < Float.MIN_NORMAL) {
                    subnormal++;
                }
            }
            total += data.length;
        }
        return String.format(Locale.ROOT, "%d (%.4f%%)", subnormal, 100.0 * subnormal / Math.max(1, total));
    }
}
