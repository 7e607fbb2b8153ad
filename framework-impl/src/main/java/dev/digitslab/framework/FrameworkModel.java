package dev.digitslab.framework;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.params.ModelParameters;
import dev.digitslab.api.seed.SeedStream;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A Deeplearning4j {@link MultiLayerNetwork} behind the experiment interface. */
final class FrameworkModel implements TrainableModel {
    /** Rows per inference call: bounds the off-heap activations of large evaluation sets. */
    static final int PREDICT_CHUNK = 4096;

    private final ExperimentSpec spec;
    private final MultiLayerNetwork net;
    private final long seed;
    private final int inputCount;
    private final int outputs;
    private BatchAssembler assembler; // created on first use; its arrays fit the spec's batch size

    FrameworkModel(ExperimentSpec spec, MultiLayerNetwork net, long seed) {
        this.spec = spec;
        this.net = net;
        this.seed = seed;
        this.inputCount = net.layerInputSize(0);
        this.outputs = net.layerSize(net.getnLayers() - 1);
    }

    MultiLayerNetwork network() {
        return net;
    }

    long seed() {
        return seed;
    }

    @Override
    public ExperimentSpec spec() {
        return spec;
    }

    @Override
    public void startEpoch(int epoch) {
        // Dropout draws from ND4J's global generator: reseed it from (seed, epoch) so an epoch's masks do not
        // depend on what else ran in this JVM (other models, evaluation) since the model was built.
        Nd4j.getRandom().setSeed(SeedStream.of(seed, SeedStream.Purpose.EPOCH_DROPOUT, epoch));
    }

    @Override
    public double trainBatch(ImageSet train, int[] order, int from, int to) {
        requireShape(train);
        if (assembler == null) {
            assembler = new BatchAssembler(spec.batchSize(), inputCount, outputs);
        }
        INDArray x = assembler.features(train, order, from, to);
        INDArray y = assembler.labels(train, order, from, to);
        // Deeplearning4j's score adds the L2 penalty (λ/2)Σw², computed on the weights the gradient is
        // taken at, i.e. before this step: subtract the same value to report the data loss alone.
        double penalty = spec.l2() > 0 ? net.calcRegularizationScore(true) : 0.0;
        net.fit(x, y);
        SubnormalFlush.afterStep(net);
        return net.score() - penalty;
    }

    @Override
    public float[] predict(ImageSet data) {
        requireShape(data);
        float[] out = new float[data.count() * outputs];
        int featureCount = data.featureCount();
        for (int from = 0; from < data.count(); from += PREDICT_CHUNK) {
            int n = Math.min(PREDICT_CHUNK, data.count() - from);
            INDArray rows = BatchAssembler.offHeap(data.features(), from * featureCount, n, featureCount);
            INDArray probabilities = net.output(rows, false);
            float[] chunk = Nd4j.toFlattened('c', probabilities).toFloatVector();
            System.arraycopy(chunk, 0, out, from * outputs, chunk.length);
        }
        return out;
    }

    @Override
    public ModelParameters parameters() {
        return ParameterTransfer.export(net, spec);
    }

    @Override
    public void save(Path file) throws IOException {
        ModelFile.save(net, spec, seed, file);
    }

    private void requireShape(ImageSet data) {
        if (data.featureCount() != inputCount) {
            throw new IllegalArgumentException("model " + spec.name() + " takes " + inputCount + " features per image, "
                    + data + " has " + data.featureCount());
        }
        if (data.outputCount() != outputs) {
            throw new IllegalArgumentException("model " + spec.name() + " has " + outputs + " outputs, " + data
                    + " needs " + data.outputCount());
        }
    }
}
