/**
 * The fast code, kept apart from the readable network: the float32 matrix-product and element-wise kernels and the
 * per-feature ones of batch norm and the bias gradient (plain {@link dev.digitslab.scratch.kernel.ScalarKernels} as
 * the reference, Vector API {@link dev.digitslab.scratch.kernel.VectorKernels}, bit-identical to each other), their
 * selection, and the worker pool that splits a product by output rows or columns (and Adam's update of a large
 * parameter by elements) so results never depend on the thread count.
 *
 * <p>May depend on: {@code dev.digitslab.scratch.tensor}, the JDK (and {@code jdk.incubator.vector} when present).
 */
package dev.digitslab.scratch.kernel;
