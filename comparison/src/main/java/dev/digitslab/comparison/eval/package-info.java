/**
 * The one evaluator both implementations are scored by: accuracy, balanced accuracy, loss, ROC AUC, per-class
 * metrics and confusion matrices from predicted probabilities, McNemar's test for paired predictions, and
 * statistics over seeds.
 *
 * <p>Pure computation on arrays: depends on the experiment API's {@code Scores} only, never on an implementation
 * or on files.
 */
package dev.digitslab.comparison.eval;
