package dev.digitslab.scratch.optim;

import dev.digitslab.scratch.kernel.KernelSelection;
import dev.digitslab.scratch.kernel.Kernels;
import dev.digitslab.scratch.kernel.WorkerPool;
import dev.digitslab.scratch.nn.Parameter;
import dev.digitslab.scratch.tensor.FloatTensor;
import dev.digitslab.scratch.tensor.Precision;
import dev.digitslab.scratch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba, Algorithm 1 in the efficient form of their section 2, as Deeplearning4j):
 * t ← t + 1; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; α_t = lr·√(1−β2^t)/(1−β1^t);
 * θ ← θ − α_t·m/(√v + ε). The bias correction makes the first step lr·g/(|g| + ε/√(1−β2)) ≈ lr·sign(g).
 *
 * <p>This loop is the definition, used in float64; float32 parameters (training) take the same update
 * through {@link Kernels#adamUpdate}, vectorised, because at small batches Adam's per-element work rivals
 * the matrix products.
 */
public final class AdamOptimizer implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final List<Parameter> parameters;
    private final List<Tensor> firstMoments;  // m, one per parameter, same shape
    private final List<Tensor> secondMoments; // v, one per parameter, same shape
    private final Kernels kernels;
    private final WorkerPool pool;            // null: the calling thread updates everything
    private long t;

    // The float32 update handed to the pool, in fields so that handing it over does not allocate.
    private float[] taskTheta;
    private float[] taskG;
    private float[] taskM;
    private float[] taskV;
    private float taskAlpha;
    private final WorkerPool.RowTask updateTask = this::updateElements;

    /** On the calling thread. */
    public AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon, List<Parameter> parameters) {
        this(learningRate, beta1, beta2, epsilon, parameters, null);
    }

    /** @param pool splits each update over its threads ({@link WorkerPool#forEachElementRange}); null: none */
    public AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon, List<Parameter> parameters,
                         WorkerPool pool) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.parameters = List.copyOf(parameters);
        this.kernels = KernelSelection.kernels();
        this.pool = pool;
        this.firstMoments = new ArrayList<>();
        this.secondMoments = new ArrayList<>();
        for (Parameter p : parameters) {
            firstMoments.add(p.value().precision().matrix(p.value().rows(), p.value().cols()));
            secondMoments.add(p.value().precision().matrix(p.value().rows(), p.value().cols()));
        }
    }

    /** The float32 update of elements [from, to) of the parameter in the task fields. */
    private void updateElements(int from, int to) {
        kernels.adamUpdate(taskTheta, taskG, taskM, taskV, from, to, (float) beta1,
                (float) (1 - beta1), (float) beta2, (float) (1 - beta2), taskAlpha, (float) epsilon);
    }

    @Override
    public List<Tensor> state() {
        List<Tensor> state = new ArrayList<>(firstMoments);
        state.addAll(secondMoments);
        return state;
    }

    @Override
    public void step() {
        t++;
        double alpha = learningRate * Math.sqrt(1 - StrictMath.pow(beta2, t)) / (1 - StrictMath.pow(beta1, t));
        for (int k = 0; k < parameters.size(); k++) {
            Tensor theta = parameters.get(k).value();
            Tensor g = parameters.get(k).gradient();
            Tensor m = firstMoments.get(k);
            Tensor v = secondMoments.get(k);
            int n = theta.size();
            if (theta instanceof FloatTensor ft && g instanceof FloatTensor fg && m instanceof FloatTensor fm
                    && v instanceof FloatTensor fv) {
                taskTheta = ft.data();
                taskG = fg.data();
                taskM = fm.data();
                taskV = fv.data();
                taskAlpha = (float) alpha;
                if (pool != null) {
                    pool.forEachElementRange(n, updateTask); // as the L2 gradient is split
                } else {
                    updateElements(0, n);
                }
                continue;
            }
            Precision precision = theta.precision();
            for (int i = 0; i < n; i++) {
                double gi = g.get(i);
                double mi = precision.flushSubnormal(beta1 * m.get(i) + (1 - beta1) * gi);
                double vi = precision.flushSubnormal(beta2 * v.get(i) + (1 - beta2) * gi * gi);
                m.set(i, mi);
                v.set(i, vi);
                theta.set(i, precision.flushParameter(theta.get(i) - alpha * mi / (Math.sqrt(vi) + epsilon)));
            }
        }
    }
}
