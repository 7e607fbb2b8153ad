package dev.digitslab.comparison.eval;

import java.util.List;

/**
 * Everything the reports say about one model on one split.
 *
 * @param count            examples evaluated
 * @param accuracy         fraction correct
 * @param balancedAccuracy mean per-class recall (a "never 0" classifier scores 0.5 on 0-vs-rest, not 0.9)
 * @param loss             mean cross-entropy, as {@link dev.digitslab.api.train.Scores#loss} defines it
 * @param rocAuc           ROC AUC of P(label 1) for binary tasks; NaN for multiclass
 * @param perClass         precision / recall / F1 per class
 * @param confusion        the confusion matrix
 * @param macroF1          unweighted mean of the per-class F1
 */
public record Evaluation(int count, double accuracy, double balancedAccuracy, double loss, double rocAuc,
                         List<ClassMetrics> perClass, ConfusionMatrix confusion, double macroF1) {
}
