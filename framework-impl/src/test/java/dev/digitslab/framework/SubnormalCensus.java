package dev.digitslab.framework;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.Splits;
import dev.digitslab.api.params.ParameterFloor;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import dev.digitslab.datasets.MnistSplits;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts subnormal floats (0 < |x| < 2^-126) in a Deeplearning4j network's parameters, last-batch gradients and
 * updater state after every epoch, next to the epoch's time (the scratch module has the same census).
 *
 * <p>Run: {@code mvn -q -pl framework-impl test-compile exec:exec@subnormals -Dsubnormals.args="SPEC.yaml EPOCHS"}.
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
        System.out.println("epoch  seconds  subnormal parameters / gradients / updater state (of all elements); "
                + "normal parameters below 2^-64 (at most 63 steps' worth: SubnormalFlush runs every 64th step)");
        try (FrameworkModel model = (FrameworkModel) new FrameworkTrainer().create(spec, train.featureCount(), seed,
                null, 1)) {
            MultiLayerNetwork net = model.network();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                TrainingRun.trainEpoch(model, train, BatchOrder.permutation(seed, epoch, train.count()), epoch,
                        TrainingListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%5d  %7.2f  %s / %s / %s; %s%n", epoch, seconds,
                        census(net.params(), SubnormalCensus::subnormal),
                        census(net.getGradientsViewArray(), SubnormalCensus::subnormal),
                        census(net.getUpdater().getStateViewArray(), SubnormalCensus::subnormal),
                        census(net.params(), SubnormalCensus::normalBelowFloor));
            }
        }
    }

    private static boolean subnormal(float x) {
        return x != 0f && Math.abs(x) < Float.MIN_NORMAL;
    }

    private static boolean normalBelowFloor(float x) {
        return Math.abs(x) >= Float.MIN_NORMAL && Math.abs(x) < ParameterFloor.FLOAT;
    }

    private interface FloatTest {
        boolean test(float x);
    }

    private static String census(INDArray array, FloatTest test) {
        if (array == null) {
            return "-";
        }
        float[] data = array.castTo(DataType.FLOAT).data().asFloat();
        long count = 0;
        for (float x : data) {
            if (test.test(x)) {
                count++;
            }
        }
        return String.format(Locale.ROOT, "%d (%.4f%%)", count, 100.0 * count / Math.max(1, data.length));
    }
}
