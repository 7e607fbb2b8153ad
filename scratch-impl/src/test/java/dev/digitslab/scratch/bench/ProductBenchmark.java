package dev.digitslab.scratch.bench;

import dev.digitslab.api.data.BatchOrder;
import dev.digitslab.api.data.ImageSet;
import dev.digitslab.api.spec.DataSpec;
import dev.digitslab.api.spec.TaskSpec;
import dev.digitslab.datasets.MnistSplits;
import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.MatrixProducts;
import dev.digitslab.scratch.kernel.WorkerPool;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GFLOP/s (2·m·k·n per product) of the three products of a dense layer on the shapes of the reference
 * networks, with dense random operands (nothing to skip), per thread count; then a first layer's two products
 * on a batch of real MNIST images, whose zeros the kernels skip (GFLOP/s as if dense). Each figure is the median of 9
 * repetitions after 1.5 s of warm-up; one thread is timed in thread CPU time (robust on a shared machine),
 * more in wall time.
 *
 * <p>Run: {@code mvn -q -pl scratch-impl test-compile exec:exec@bench-products} (see the module README).
 * Arguments: thread counts, default 1 2.
 */
public final class ProductBenchmark {
    /** (batch, inputs, outputs) of the layers of 784-512-512-10 and 784-128-10. */
    private static final int[][] SHAPES = {{128, 784, 512}, {128, 512, 512}, {32, 784, 128}, {128, 784, 128},
            {128, 512, 10}};
    private static final SplittableRandom RANDOM = new SplittableRandom(1);

    private ProductBenchmark() {
    }

    public static void main(String[] args) {
        int[] threadCounts = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2};
        System.out.println("product benchmark: " + KernelSelection.kernels().description());
        Tensor images = mnistBatch(128);
        for (int threads : threadCounts) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                MatrixProducts products = new MatrixProducts(KernelSelection.kernels(), pool);
                for (int[] s : SHAPES) {
                    int batch = s[0];
                    int in = s[1];
                    int out = s[2];
                    Tensor x = random(batch, in);
                    Tensor w = random(in, out);
                    Tensor dy = random(batch, out);
                    Tensor y = Precision.FLOAT.matrix(batch, out);
                    Tensor dw = Precision.FLOAT.matrix(in, out);
                    Tensor dx = Precision.FLOAT.matrix(batch, in);
                    long flops = 2L * batch * in * out;
                    boolean cpu = threads == 1;
                    double forward = gflops(() -> products.multiply(x, w, y), flops, cpu);
                    double weightGradient = gflops(() -> products.multiplyTransposedA(x, dy, dw), flops, cpu);
                    double inputGradient = gflops(() -> products.multiplyTransposedB(dy, w, dx), flops, cpu);
                    System.out.printf(Locale.ROOT, "threads %d  %4d x %3d -> %3d  forward %5.1f  weight-grad %5.1f"
                            + "  input-grad %5.1f GFLOP/s%n", threads, batch, in, out, forward, weightGradient,
                            inputGradient);
                }
                if (images != null) {
                    for (int out : new int[] {128, 512}) {
                        Tensor w = random(images.cols(), out);
                        Tensor dy = random(images.rows(), out);
                        Tensor y = Precision.FLOAT.matrix(images.rows(), out);
                        Tensor dw = Precision.FLOAT.matrix(images.cols(), out);
                        long flops = 2L * images.rows() * images.cols() * out;
                        boolean cpu = threads == 1;
                        double forward = gflops(() -> products.multiply(images, w, y), flops, cpu);
                        double weightGradient = gflops(() -> products.multiplyTransposedA(images, dy, dw), flops,
                                cpu);
                        System.out.printf(Locale.ROOT, "threads %d  %4d MNIST images -> %3d  forward %5.1f  "
                                + "weight-grad %5.1f GFLOP/s (as if dense)%n", threads, images.rows(), out, forward,
                                weightGradient);
                    }
                }
            }
        }
    }

    /**
     * A first layer's real input: {@code batch} MNIST training images in a shuffled order (mostly zeros, which the
     * kernels skip), or null where MNIST cannot be found or fetched.
     */
    private static Tensor mnistBatch(int batch) {
        try {
            ImageSet train = MnistSplits.load(new DataSpec("mnist", new TaskSpec.Multiclass(), 0.1, null), 42).train();
            int[] order = BatchOrder.permutation(42, 1, train.count());
            float[] x = new float[batch * train.featureCount()];
            train.gatherFeatures(order, 0, batch, x);
            Tensor t = Precision.FLOAT.matrix(batch, train.featureCount());
            for (int i = 0; i < x.length; i++) {
                t.set(i, x[i]);
            }
            return t;
        } catch (RuntimeException e) {
            System.out.println("no MNIST batch (" + e.getMessage() + "): dense operands only");
            return null;
        }
    }

    private static Tensor random(int rows, int cols) {
        Tensor t = Precision.FLOAT.matrix(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, 2 * RANDOM.nextDouble() - 1);
        }
        return t;
    }

    private static double gflops(Runnable product, long flops, boolean cpuTime) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long warmUpEnd = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            product.run();
        }
        double[] rates = new double[9];
        int repeat = (int) Math.max(3, 2e8 / flops);
        for (int r = 0; r < rates.length; r++) {
            long start = cpuTime ? bean.getCurrentThreadCpuTime() : System.nanoTime();
            for (int i = 0; i < repeat; i++) {
                product.run();
            }
            long end = cpuTime ? bean.getCurrentThreadCpuTime() : System.nanoTime();
            rates[r] = (double) flops * repeat / (end - start);
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }
}
