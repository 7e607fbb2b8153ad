/**
 * The {@code digits-lab} application: one picocli command per verb (list, run, report, predict, data), the
 * checks of what the user typed and of the folders written to (a quick run never replaces a full run's report
 * without {@code --force}), progress on the terminal within 80 columns, and the verbosity ({@code --quiet},
 * {@code --verbose}) with the log levels it sets.
 *
 * <p>The top of the module: may depend on every other package of it, the data sets and the experiment API; no
 * package depends on it. Commands hold no logic of their own beyond reading options and printing: training is
 * {@code run}, the report folder and its transaction are {@code report}.
 */
package dev.digitslab.comparison.cli;
