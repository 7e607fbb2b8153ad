package dev.digitslab.comparison.run;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.TrainingListener;

/** Gives the progress listener for one training run. */
@FunctionalInterface
public interface ProgressListeners {
    ProgressListeners NONE = (spec, implementation, seed) -> TrainingListener.NONE;

    TrainingListener forRun(ExperimentSpec spec, String implementation, long seed);
}
