package dev.digitslab.framework;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Classic (heavy-ball, non-Nesterov) momentum as a Deeplearning4j updater configuration:
 * v ← μ·v − lr·g; θ ← θ + v, with v starting at 0. Deeplearning4j ships only the Nesterov form
 * ({@code Nesterovs}), so the experiment interface's {@code momentum, nesterov: false} needs this.
 *
 * <p>Serialised by Deeplearning4j's (shaded) Jackson through its fields, like the built-in updaters,
 * so a saved model's configuration names this class and restores it.
 */
public final class ClassicMomentum implements IUpdater {
    private static final long serialVersionUID = 1L;

    private double learningRate;
    private double momentum;

    /** For deserialisation only. */
    public ClassicMomentum() {
        this(Double.NaN, Double.NaN);
    }

    public ClassicMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams; // one velocity per parameter
    }

    @Override
    public GradientUpdater<ClassicMomentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        ClassicMomentumUpdater updater = new ClassicMomentumUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, flat.shape(), flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater<ClassicMomentum> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        ClassicMomentumUpdater updater = new ClassicMomentumUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public ClassicMomentum clone() {
        return new ClassicMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("ClassicMomentum supports a fixed learning rate only");
        }
        this.learningRate = lr;
    }

    // Deeplearning4j groups parameters whose updater configurations are equal into one block.
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassicMomentum c && Double.compare(learningRate, c.learningRate) == 0
                && Double.compare(momentum, c.momentum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "ClassicMomentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
