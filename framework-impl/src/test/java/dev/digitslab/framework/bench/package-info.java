/**
 * Benchmarks of the Deeplearning4j implementation, test-scope mains run through {@code exec:exec} (module README):
 * {@code FrameworkBenchmark} times training on real MNIST, {@code GemmWorkBenchmark} the matrix products of a training
 * step alone. Speed is measured here, never asserted in tests.
 */
package dev.digitslab.framework.bench;
