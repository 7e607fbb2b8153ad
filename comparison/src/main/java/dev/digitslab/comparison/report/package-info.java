/**
 * The reports, drawn from saved results alone: {@link dev.digitslab.comparison.report.ReportFolder} (the folder and
 * its transaction: results checked before anything is written, study folders and pages staged and moved in
 * whole — for {@code report}, all of them before anything moves — leftovers of an interrupted write undone),
 * {@link dev.digitslab.comparison.report.StudyFiles} (the one place that names a study's files),
 * {@link dev.digitslab.comparison.report.StudyWriter} (writes a study's folder and returns what it wrote),
 * {@link dev.digitslab.comparison.report.ReportAssembler} with one
 * {@link dev.digitslab.comparison.report.StudySection} per kind of study (the document; a sweep's is
 * {@code SweepSection}, with {@code SweepPoints} and {@code SweepChart}; {@code TrainedWith} words what a run changed
 * from the catalogue for every row), the Markdown and HTML
 * renderers (the page is the Markdown rendered by commonmark-java, with its contents, sections and scroll boxes),
 * the charts, and {@link dev.digitslab.comparison.report.NumberFormats}, which every number goes
 * through.
 *
 * <p>Depends on {@code results} (what is drawn, and its checks), {@code catalogue} (study kinds), {@code eval}
 * (statistics over seeds), {@code run} for {@code Implementations} only (which id is the reference, which the
 * candidate, which ids results may name), the experiment API (specs, epoch records, atomic files), XChart and commonmark-java.
 * Trains nothing.
 */
package dev.digitslab.comparison.report;
