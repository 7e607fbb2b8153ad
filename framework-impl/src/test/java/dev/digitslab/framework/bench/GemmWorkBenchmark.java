package dev.digitslab.framework.bench;

import dev.digitslab.api.stats.Median;
import dev.digitslab.framework.FrameworkTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix products alone of one epoch of dense-network training, timed through ND4J's GEMM (the OpenBLAS
 * Deeplearning4j trains with), in two patterns per training step:
 * <ul>
 *   <li><b>autograd</b> (what PyTorch computes): per layer the forward product and the weight gradient, and the
 *       input gradient for every layer but the first (nothing needs the gradient of the images);</li>
 *   <li><b>Deeplearning4j</b> (counted with a {@code perf} uprobe on {@code cblas_sgemm}: 8 calls per step of
 *       784-128-10, see README, "Benchmark"): the same plus the forward product again in backprop
 *       ({@code BaseLayer.backpropGradient} recomputes the pre-activation) and the first layer's input gradient.</li>
 * </ul>
 * Deeplearning4j's products alone then bound its epoch from below, before any of its other work: the floor to
 * hold against a peer's whole epoch. Rounds alternate the two patterns; medians are printed.
 *
 * <p>Arguments (all optional): {@code layers=784-128-10 batch=128 steps=461 rounds=7} (461 steps: the benchmark
 * specs' 59,000 training images at batch 128). Run it as the module README shows, so that OMP_NUM_THREADS is set.
 */
public final class GemmWorkBenchmark {
    private GemmWorkBenchmark() {
    }

    /** One product C = op(A)·op(B) with its operands and output allocated once. */
    private record Product(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        static Product of(long m, long k, long n, boolean transposeA, boolean transposeB) {
            INDArray a = transposeA ? Nd4j.randn(DataType.FLOAT, k, m) : Nd4j.randn(DataType.FLOAT, m, k);
            INDArray b = transposeB ? Nd4j.randn(DataType.FLOAT, n, k) : Nd4j.randn(DataType.FLOAT, k, n);
            return new Product(a, b, Nd4j.create(DataType.FLOAT, m, n), transposeA, transposeB);
        }

        void run() {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
        }

        long flops() {
            return 2L * c.rows() * c.columns() * (transposeA ? a.rows() : a.columns());
        }
    }

    public static void main(String[] args) {
        int[] widths = {784, 128, 10};
        int batch = 128;
        int steps = 461;
        int rounds = 7;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "layers" -> widths = Arrays.stream(kv[1].split("-")).mapToInt(Integer::parseInt).toArray();
                case "batch" -> batch = Integer.parseInt(kv[1]);
                case "steps" -> steps = Integer.parseInt(kv[1]);
                case "rounds" -> rounds = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + " (takes layers=784-128-10 batch=128 steps=461 rounds=7)");
            }
        }
        new FrameworkTrainer(); // ND4J's binary, kernels and threads chosen as for training
        Nd4j.getRandom().setSeed(1);
        List<Product> autograd = new ArrayList<>();
        List<Product> deeplearning4j = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            int in = widths[i];
            int out = widths[i + 1];
            Product forward = Product.of(batch, in, out, false, false);     // X (batch, in) · W (in, out)
            Product weights = Product.of(in, batch, out, true, false);      // Xᵀ · dZ (batch, out)
            Product inputs = Product.of(batch, out, in, false, true);       // dZ · Wᵀ
            autograd.add(forward);
            autograd.add(weights);
            deeplearning4j.add(forward);
            deeplearning4j.add(forward); // recomputed in backprop
            deeplearning4j.add(weights);
            deeplearning4j.add(inputs);
            if (i > 0) {
                autograd.add(inputs);
            }
        }
        String network = String.join("-", Arrays.stream(widths).mapToObj(String::valueOf).toList());
        System.out.printf("products of %d training steps of %s at batch %d through ND4J's GEMM, %d rounds%n",
                steps, network, batch, rounds);
        for (int i = 0; i < 2; i++) { // warm-up
            epoch(autograd, steps);
            epoch(deeplearning4j, steps);
        }
        double[] a = new double[rounds];
        double[] d = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            a[r] = epoch(autograd, steps);
            d[r] = epoch(deeplearning4j, steps);
        }
        report("autograd's products", autograd, steps, a);
        report("Deeplearning4j's products", deeplearning4j, steps, d);
        System.out.printf("Deeplearning4j ÷ autograd: %.2f× (median of the rounds' ratios)%n", Median.of(ratios(d, a)));
    }

    private static double epoch(List<Product> step, int steps) {
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            for (Product p : step) {
                p.run();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void report(String name, List<Product> step, int steps, double[] seconds) {
        long flops = step.stream().mapToLong(Product::flops).sum();
        double median = Median.of(seconds);
        System.out.printf("%-26s %d GEMM calls per step, %.3f s per epoch (median; min %.3f), %.1f GFLOP/s%n",
                name, step.size(), median, Arrays.stream(seconds).min().orElseThrow(), flops * (double) steps / median / 1e9);
    }

    private static double[] ratios(double[] numerator, double[] denominator) {
        double[] r = new double[numerator.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = numerator[i] / denominator[i];
        }
        return r;
    }
}
