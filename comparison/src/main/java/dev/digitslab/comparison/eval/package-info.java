/**
 * The one evaluator both implementations are scored by: accuracy, balanced accuracy, loss, ROC AUC, per-class
 * metrics and confusion matrices from predicted probabilities, McNemar's test for paired predictions, and
 * statistics over seeds: mean and 95% t interval ({@code MeanInterval}), paired differences with the paired
 * t-test ({@code PairedDifference}). Distributions and tests come from Apache Commons Statistics.
 *
 * <p>Pure computation on arrays: depends on the experiment API's {@code Scores} and Commons Statistics only, never on an implementation
 * or on files.
 */
package dev.digitslab.comparison.eval;
