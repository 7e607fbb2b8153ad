/**
 * What a study produced, as saved in its results.json: runs, test summaries, reference-vs-candidate pairs,
 * weight transfers and lockstep epochs, and {@link dev.digitslab.comparison.results.ResultsFile}, which reads
 * and writes them. Plain data; the saved form is kept stable so earlier results.json files still load.
 *
 * <p>Depends on the experiment API (specs, epoch records, atomic files), {@code catalogue} (the study kind),
 * {@code eval} (what an evaluation holds) and Jackson.
 */
package dev.digitslab.comparison.results;
