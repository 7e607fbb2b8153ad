/**
 * The experiment catalogue: the studies and the specs they run, kept as data in this module's resources
 * ({@code catalogue/catalogue.yaml}), and {@link dev.digitslab.comparison.catalogue.StudyKind}, how a study runs
 * its specs, and {@link dev.digitslab.comparison.catalogue.StudyVariation}, a study as {@code --set} and
 * {@code --sweep} change it (each spec run keeping the spec it was made from).
 *
 * <p>Depends on the experiment API's specs ({@code api.spec}) and Jackson only; every other package of this
 * module may use it.
 */
package dev.digitslab.comparison.catalogue;
