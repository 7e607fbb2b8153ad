package dev.digitslab.api.train;

import java.io.Serializable;

/**
 * What one epoch produced. Losses are data losses (no L2 term), scored by {@link Scores}.
 *
 * @param epoch              from 1
 * @param seconds            wall time of the training pass alone (no evaluation)
 * @param trainingLoss       mean batch loss while training (dropout on, weights moving)
 * @param trainLoss          loss on the evaluation sample of the training split, inference mode
 * @param trainAccuracy      accuracy on that sample; see {@link TrainingRun#TRAIN_EVALUATION_LIMIT}
 * @param validationLoss     loss on the whole validation split, inference mode
 * @param validationAccuracy accuracy on the whole validation split
 */
public record EpochRecord(int epoch, double seconds, double trainingLoss, double trainLoss,
                          double trainAccuracy, double validationLoss, double validationAccuracy)
        implements Serializable {
}
