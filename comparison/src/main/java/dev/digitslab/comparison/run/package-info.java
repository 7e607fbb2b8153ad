/**
 * Running studies: {@link dev.digitslab.comparison.run.StudyRunner} trains each spec with the selected
 * implementations on identical splits and evaluates every run, and
 * {@link dev.digitslab.comparison.run.Implementations} gives the two implementations by role (reference,
 * candidate) as the ServiceLoader finds them, so nothing here names them.
 *
 * <p>Depends on the experiment API, {@code catalogue}, {@code eval} and {@code results}; not on {@code report} or
 * {@code cli}. Writes only trained models (where the options say).
 */
package dev.digitslab.comparison.run;
