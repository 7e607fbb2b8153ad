package dev.digitslab.scratch;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.ParameterFloor;
import dev.digitslab.scratch.nn.Layer;
import dev.digitslab.scratch.nn.Network;
import dev.digitslab.scratch.nn.Parameter;
import dev.digitslab.scratch.tensor.Precision;
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
        System.out.println("epoch  seconds  subnormal parameters / gradients / optimiser state (of all elements); "
                + "normal parameters below 2^-64; then, for one batch, subnormals in each layer's output and in the "
                + "loss's and each layer's input gradient");
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
                System.out.printf(Locale.ROOT, "                 below 2^-64: %s%n",
                        census(parameters.stream().map(Parameter::value).toList(), SubnormalCensus::normalBelowFloor));
                System.out.println("                 " + signals(model.network(), train,
                        BatchOrder.permutation(seed, epoch + 1, train.count()), spec.batchSize()));
            }
        }
    }

    /**
     * Subnormals in one training step's signals for the first rows of {@code order}: each layer's output, then the
     * loss's gradient and each layer's input gradient. Parameters and optimiser state are not changed (the layers'
     * gradient buffers are, and the next step overwrites them), but batch norm's running statistics and dropout's
     * random stream are, so the census of a network with those layers is not the same run as training it alone.
     */
    private static String signals(Network network, ImageSet train, int[] order, int batch) {
        FloatTensor x = (FloatTensor) Precision.FLOAT.matrix(batch, train.featureCount());
        train.gatherFeatures(order, 0, batch, x.data(), 0);
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++) {
            labels[r] = train.labels()[order[r]];
        }
        StringBuilder out = new StringBuilder("outputs");
        Tensor h = x;
        for (Layer layer : network.layers()) {
            h = layer.forward(h, true);
            out.append(' ').append(census(List.of(h), SubnormalCensus::subnormal));
        }
        Tensor g = Precision.FLOAT.matrix(batch, network.outputs());
        network.loss().rowLosses(h, labels, g, 0, batch, new double[batch]);
        out.append(", input gradients ").append(census(List.of(g), SubnormalCensus::subnormal));
        for (int i = network.layers().size() - 1; i >= 0; i--) {
            g = network.layers().get(i).backward(g);
            if (g == null) {
                break; // the first layer's input is the data
            }
            out.append(' ').append(census(List.of(g), SubnormalCensus::subnormal));
        }
        return out.toString();
    }

    private static boolean subnormal(float x) {
        return x != 0f && Math.abs(x) < Float.MIN_NORMAL;
    }

    /** Normal, so not flushed as subnormal, but below the floor both implementations now store as 0. */
    private static boolean normalBelowFloor(float x) {
        return Math.abs(x) >= Float.MIN_NORMAL && Math.abs(x) < ParameterFloor.FLOAT;
    }

    private static String census(List<Tensor> tensors) {
        return census(tensors, SubnormalCensus::subnormal);
    }

    private interface FloatTest {
        boolean test(float x);
    }

    /** How many elements pass {@code test}, of all elements of {@code tensors} (whole buffers, unused rows too). */
    private static String census(List<Tensor> tensors, FloatTest test) {
        long count = 0;
        long total = 0;
        for (Tensor t : tensors) {
            float[] data = ((FloatTensor) t).data();
            for (float x : data) {
                if (test.test(x)) {
                    count++;
                }
            }
            total += data.length;
        }
        return String.format(Locale.ROOT, "%d (%.4f%%)", count, 100.0 * count / Math.max(1, total));
    }
}
