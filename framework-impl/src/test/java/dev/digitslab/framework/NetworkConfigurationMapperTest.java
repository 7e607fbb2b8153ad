package dev.digitslab.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.Activation;
import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.InitScheme;
import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.OptimizerSpec;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.api.train.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class NetworkConfigurationMapperTest {

    private static MultiLayerConfiguration map(ExperimentSpec spec) {
        return NetworkConfigurationMapper.map(spec, 784, 7L, WorkspaceMode.ENABLED);
    }

    private static MultiLayerNetwork network(ExperimentSpec spec, int inputs, long seed) {
        return ((FrameworkModel) new FrameworkTrainer().create(spec, inputs, seed, null)).network();
    }

    @Test
    void everySpecLayerBecomesTheDl4jLayerAtTheSameIndex() {
        MultiLayerConfiguration conf = map(Specs.multiclass("all", Specs.everyLayer(32, 0.2), OptimizerSpec.sgd(0.1),
                0.0, null, 16, null));
        assertEquals(5, conf.getConfs().size());
        assertInstanceOf(org.deeplearning4j.nn.conf.layers.DenseLayer.class, conf.getConf(0).getLayer());
        assertInstanceOf(BatchNormalization.class, conf.getConf(1).getLayer());
        assertInstanceOf(org.deeplearning4j.nn.conf.layers.ActivationLayer.class, conf.getConf(2).getLayer());
        assertInstanceOf(DropoutLayer.class, conf.getConf(3).getLayer());
        assertInstanceOf(OutputLayer.class, conf.getConf(4).getLayer());
    }

    @Test
    void dropoutTakesTheRetainProbabilityOneMinusTheSpecsDropRate() {
        MultiLayerConfiguration conf = map(Specs.multiclass("drop", Specs.everyLayer(32, 0.25), OptimizerSpec.sgd(0.1),
                0.0, null, 16, null));
        Dropout dropout = (Dropout) conf.getConf(3).getLayer().getIDropout();
        assertEquals(0.75, dropout.getP(), 0.0);
        for (int i : new int[] {0, 1, 2, 4}) {
            assertNull(conf.getConf(i).getLayer().getIDropout(), "only the dropout layer drops, layer " + i);
        }
    }

    @Test
    void dropoutLayerZeroesTheDropRateAndScalesKeptUnitsInTrainingOnly() {
        MultiLayerNetwork net = network(Specs.multiclass("drop", Specs.everyLayer(32, 0.25), OptimizerSpec.sgd(0.1),
                0.0, null, 16, null), 784, 3L);
        INDArray ones = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 400, 250);
        INDArray trained = net.getLayer(3).activate(ones.dup(), true, LayerWorkspaceMgr.noWorkspaces());
        long zeros = 0;
        for (float v : trained.data().asFloat()) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1 / 0.75f, v, 1e-6f, "kept units are scaled by 1/(1-p)");
            }
        }
        assertEquals(0.25, zeros / 100_000.0, 0.01, "fraction dropped");
        INDArray inferred = net.getLayer(3).activate(ones.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(ones, inferred, "identity at inference");
    }

    @Test
    void l2IsCoupledL2OnDenseWeightsOnly() {
        MultiLayerConfiguration conf = map(Specs.multiclass("l2", Specs.everyLayer(32, 0.2), OptimizerSpec.adam(1e-3),
                0.01, null, 16, null));
        for (int i : new int[] {0, 4}) {
            BaseLayer dense = (BaseLayer) conf.getConf(i).getLayer();
            List<Regularization> onWeights = dense.getRegularizationByParam(DefaultParamInitializer.WEIGHT_KEY);
            assertEquals(1, onWeights.size());
            L2Regularization l2 = assertInstanceOf(L2Regularization.class, onWeights.get(0));
            assertEquals(0.01, l2.getL2().valueAt(0, 0), 0.0);
            assertEquals(Regularization.ApplyStep.BEFORE_UPDATER, l2.applyStep(), "coupled: added to the gradient");
            List<Regularization> onBias = dense.getRegularizationByParam(DefaultParamInitializer.BIAS_KEY);
            assertTrue(onBias == null || onBias.isEmpty(), "biases are not regularised");
        }
        BatchNormalization bn = (BatchNormalization) conf.getConf(1).getLayer();
        for (String p : new String[] {BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA}) {
            List<Regularization> r = bn.getRegularizationByParam(p);
            assertTrue(r == null || r.isEmpty(), "batch norm " + p + " is not regularised");
        }
    }

    @Test
    void l2PenaltyIsHalfLambdaTimesSumOfSquaredDenseWeights() {
        double lambda = 0.01;
        MultiLayerNetwork net = network(Specs.multiclass("l2", Specs.everyLayer(32, 0.2), OptimizerSpec.sgd(0.1),
                lambda, null, 16, null), 784, 5L);
        double sumSquares = 0;
        for (int i : new int[] {0, 4}) {
            for (float w : net.getLayer(i).getParam(DefaultParamInitializer.WEIGHT_KEY).dup().data().asFloat()) {
                sumSquares += (double) w * w;
            }
        }
        assertEquals(lambda / 2 * sumSquares, net.calcRegularizationScore(true), 1e-6 * sumSquares);
    }

    @Test
    void l2AddsLambdaTimesWeightToTheGradientAndNothingToBiases() {
        // One SGD step from identical parameters with and without L2: the difference of the new weights
        // is exactly −lr·λ·w (plain SGD makes the update the gradient), and biases move identically.
        double lr = 0.5;
        double lambda = 0.1;
        List<LayerSpec> layers = Specs.mlp(16);
        ExperimentSpec plain = Specs.multiclass("plain", layers, OptimizerSpec.sgd(lr), 0.0, null, 64, null);
        ExperimentSpec withL2 = Specs.multiclass("with-l2", layers, OptimizerSpec.sgd(lr), lambda, null, 64, null);
        FrameworkTrainer trainer = new FrameworkTrainer();
        FrameworkModel a = (FrameworkModel) trainer.create(plain, 784, 11L, null);
        FrameworkModel b = (FrameworkModel) trainer.create(withL2, 784, 11L, a.parameters());
        float[] w0 = a.parameters().layers().get(0) instanceof dev.digitslab.api.params.LayerParameters.Dense d
                ? d.weights().clone() : null;
        ImageSet data = Specs.randomImages(64, 784, 10, 1L);
        List<Double> lossA = new ArrayList<>();
        List<Double> lossB = new ArrayList<>();
        TrainingRun.trainEpoch(a, data, Specs.identityOrder(64), 1, recorder(lossA));
        TrainingRun.trainEpoch(b, data, Specs.identityOrder(64), 1, recorder(lossB));
        var da = (dev.digitslab.api.params.LayerParameters.Dense) a.parameters().layers().get(0);
        var db = (dev.digitslab.api.params.LayerParameters.Dense) b.parameters().layers().get(0);
        for (int i = 0; i < w0.length; i++) {
            assertEquals(-lr * lambda * w0[i], db.weights()[i] - da.weights()[i], 1e-6);
        }
        assertEquals(java.util.Arrays.toString(da.bias()), java.util.Arrays.toString(db.bias()));
        assertEquals(lossA.get(0), lossB.get(0), 1e-6, "reported batch loss excludes the L2 penalty");
    }

    @Test
    void batchNormMapsDecayAndEpsilonAndStoresTheRunningVarianceAsAVariance() {
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(8, Activation.IDENTITY), new LayerSpec.BatchNorm(0.8, 1e-3),
                new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX));
        BatchNormalization bn = (BatchNormalization) map(Specs.multiclass("bn", layers, OptimizerSpec.sgd(0.1), 0.0,
                null, 16, null)).getConf(1).getLayer();
        assertEquals(0.8, bn.getDecay(), 0.0);
        assertEquals(1e-3, bn.getEps(), 0.0);
        assertEquals(false, bn.isUseLogStd());
    }

    @Test
    void batchNormUpdatesRunningStatisticsWithTheBiasedBatchVariance() {
        double decay = 0.8;
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(8, Activation.IDENTITY), new LayerSpec.BatchNorm(decay, 1e-3),
                new LayerSpec.ActivationLayer(Activation.RELU), new LayerSpec.Dense(10, Activation.SOFTMAX));
        ExperimentSpec spec = Specs.multiclass("bn", layers, OptimizerSpec.sgd(0.1), 0.0, null, 20, null);
        FrameworkModel model = (FrameworkModel) new FrameworkTrainer().create(spec, 12, 3L, null);
        ImageSet data = Specs.randomImages(20, 12, 10, 2L);
        INDArray x = Nd4j.create(data.features(), new long[] {20, 12}, 'c');
        float[] h = Nd4j.toFlattened('c', model.network().feedForwardToLayer(0, x, false).get(1)).toFloatVector();

        TrainingRun.trainEpoch(model, data, Specs.identityOrder(20), 1, TrainingListener.NONE);

        var bnParams = (dev.digitslab.api.params.LayerParameters.BatchNorm) model.parameters().layers().get(1);
        for (int f = 0; f < 8; f++) {
            double mean = 0;
            for (int r = 0; r < 20; r++) {
                mean += h[r * 8 + f];
            }
            mean /= 20;
            double var = 0;
            for (int r = 0; r < 20; r++) {
                var += (h[r * 8 + f] - mean) * (h[r * 8 + f] - mean);
            }
            var /= 20; // biased: divide by the batch size
            assertEquals(decay * 0 + (1 - decay) * mean, bnParams.runningMean()[f], 1e-5, "running mean " + f);
            assertEquals(decay * 1 + (1 - decay) * var, bnParams.runningVar()[f], 1e-5, "running variance " + f);
        }
    }

    @Test
    void binaryTasksUseOneSigmoidUnitWithBinaryCrossEntropy() {
        ExperimentSpec spec = Specs.digitVsRest("zero", 0, List.of(new LayerSpec.Dense(16, Activation.RELU),
                new LayerSpec.Dense(1, Activation.SIGMOID)), OptimizerSpec.adam(1e-3), 32, 1);
        OutputLayer out = (OutputLayer) map(spec).getConf(1).getLayer();
        assertEquals(1, out.getNOut());
        assertInstanceOf(ActivationSigmoid.class, out.getActivationFn());
        assertInstanceOf(LossBinaryXENT.class, out.getLossFn());
    }

    @Test
    void multiclassTasksUseSoftmaxWithCategoricalCrossEntropy() {
        OutputLayer out = (OutputLayer) map(Specs.multiclass("ten", Specs.mlp(16), OptimizerSpec.adam(1e-3), 0.0,
                null, 32, null)).getConf(1).getLayer();
        assertEquals(10, out.getNOut());
        assertInstanceOf(ActivationSoftmax.class, out.getActivationFn());
        assertInstanceOf(LossMCXENT.class, out.getLossFn());
    }

    @Test
    void optimisersMapToDl4jUpdatersWithTheirHyperParameters() {
        assertEquals(new Sgd(0.05), NetworkConfigurationMapper.updater(OptimizerSpec.sgd(0.05)));
        assertEquals(new Nesterovs(0.05, 0.8),
                NetworkConfigurationMapper.updater(OptimizerSpec.momentum(0.05, 0.8, true)));
        assertEquals(new ClassicMomentum(0.05, 0.8),
                NetworkConfigurationMapper.updater(OptimizerSpec.momentum(0.05, 0.8, false)));
        OptimizerSpec adam = new OptimizerSpec.Adam(2e-3, 0.8, 0.99, 1e-7);
        assertEquals(new Adam(2e-3, 0.8, 0.99, 1e-7), NetworkConfigurationMapper.updater(adam));
        MultiLayerConfiguration conf = map(Specs.multiclass("adam", Specs.mlp(16), adam, 0.0, null, 32, null));
        assertEquals(new Adam(2e-3, 0.8, 0.99, 1e-7), ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater());
        assertEquals(new Adam(2e-3, 0.8, 0.99, 1e-7), ((BaseLayer) conf.getConf(1).getLayer()).getIUpdater());
    }

    @Test
    void initSchemesMapToDl4jWeightInit() {
        assertEquals(WeightInit.XAVIER, NetworkConfigurationMapper.weightInit(InitScheme.XAVIER));
        assertEquals(WeightInit.XAVIER_UNIFORM, NetworkConfigurationMapper.weightInit(InitScheme.XAVIER_UNIFORM));
        assertEquals(WeightInit.RELU, NetworkConfigurationMapper.weightInit(InitScheme.HE));
        assertEquals(WeightInit.RELU_UNIFORM, NetworkConfigurationMapper.weightInit(InitScheme.HE_UNIFORM));
    }

    @Test
    void initialWeightsFollowTheSchemesDistributionAndBiasesStartAtZero() {
        int fanIn = 784;
        int fanOut = 256;
        double glorot = 2.0 / (fanIn + fanOut);
        double he = 2.0 / fanIn;
        assertWeights(InitScheme.XAVIER, glorot, Double.POSITIVE_INFINITY);
        assertWeights(InitScheme.XAVIER_UNIFORM, glorot, Math.sqrt(6.0 / (fanIn + fanOut)));
        assertWeights(InitScheme.HE, he, Double.POSITIVE_INFINITY);
        assertWeights(InitScheme.HE_UNIFORM, he, Math.sqrt(6.0 / fanIn));
    }

    private static void assertWeights(InitScheme init, double variance, double bound) {
        ExperimentSpec spec = Specs.multiclass("init", Specs.mlp(256), OptimizerSpec.sgd(0.1), 0.0, init, 32, null);
        var dense = (dev.digitslab.api.params.LayerParameters.Dense) new FrameworkTrainer().create(spec, 784, 9L, null)
                .parameters().layers().get(0);
        double sum = 0;
        double sumSquares = 0;
        double max = 0;
        for (float w : dense.weights()) {
            sum += w;
            sumSquares += (double) w * w;
            max = Math.max(max, Math.abs(w));
        }
        int n = dense.weights().length;
        assertEquals(0, sum / n, 0.02 * Math.sqrt(variance), init + " mean");
        assertEquals(variance, sumSquares / n, 0.02 * variance, init + " variance");
        assertTrue(max <= bound, init + " bound " + bound + ", found " + max);
        for (float b : dense.bias()) {
            assertEquals(0f, b, init + " bias");
        }
    }

    private static TrainingListener recorder(List<Double> losses) {
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double batchLoss) {
                losses.add(batchLoss);
            }
        };
    }
}
