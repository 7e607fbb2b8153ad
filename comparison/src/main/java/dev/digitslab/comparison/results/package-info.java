/**
 * What a study produced, as saved in its results.json: runs, test summaries, reference-vs-candidate pairs,
 * weight transfers and lockstep epochs, and {@link dev.digitslab.comparison.results.ResultsFile}, which reads
 * and writes them. Plain data; the saved form is kept stable so earlier results.json files still load. What is
 * read is checked field by field ({@code ResultsReader}, {@code JsonFields}) and as a whole
 * ({@code ResultsValidator}), like specs: every problem is a
 * {@link dev.digitslab.comparison.results.ResultsFormatException} naming the file and the JSON path.
 *
 * <p>Depends on the experiment API (specs, epoch records, atomic files), {@code catalogue} (the study kind),
 * {@code eval} (what an evaluation holds) and Jackson. The implementation ids results may name are given to it,
 * so it does not depend on {@code run}.
 */
package dev.digitslab.comparison.results;
