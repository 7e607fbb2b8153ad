/**
 * MNIST (and Fashion-MNIST) on disk: finding or fetching the files, reading IDX and Kaggle-style CSV strictly,
 * and building the stratified, seeded train / validation / test {@link dev.digitslab.api.data.Splits}
 * ({@link dev.digitslab.datasets.MnistSplits}, drawn from {@link dev.digitslab.api.seed.SeedStream}).
 * Depends on experiment-api, DataVec (CSV) and Commons Compress; never on an implementation.
 */
package dev.digitslab.datasets;
