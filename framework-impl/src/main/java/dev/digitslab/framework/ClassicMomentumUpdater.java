package dev.digitslab.framework;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Applies {@link ClassicMomentum} to one block of parameters. Deeplearning4j subtracts whatever the
 * updater leaves in the gradient array (θ ← θ − u), so the updater leaves u = −v.
 */
final class ClassicMomentumUpdater implements GradientUpdater<ClassicMomentum> {
    static final String VELOCITY = "V";

    private final ClassicMomentum config;
    private INDArray velocity; // same shape as the gradient block it serves

    ClassicMomentumUpdater(ClassicMomentum config) {
        this.config = config;
    }

    @Override
    public ClassicMomentum getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (stateMap.size() != 1 || !stateMap.containsKey(VELOCITY)) {
            throw new IllegalStateException("classic momentum state must hold exactly [" + VELOCITY + "], found "
                    + stateMap.keySet());
        }
        velocity = stateMap.get(VELOCITY);
        if (initialize) {
            velocity.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Collections.singletonMap(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVectorOrScalar()) {
            throw new IllegalArgumentException("expected a row vector of updater state, found shape "
                    + java.util.Arrays.toString(viewArray.shape()));
        }
        if (initialize) {
            viewArray.assign(0);
        }
        velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
        if (velocity == null) {
            throw new IllegalStateException("cannot view the updater state as the gradient's shape");
        }
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (velocity == null) {
            throw new IllegalStateException("classic momentum updater used before its state was set");
        }
        double lr = config.getLearningRate(iteration, epoch);
        INDArray g = gradient.reshape(velocity.shape());
        velocity.muli(config.momentum()).subi(g.muli(lr)); // v ← μ·v − lr·g
        g.assign(velocity).negi();                          // Deeplearning4j applies θ ← θ − (−v)
    }
}
