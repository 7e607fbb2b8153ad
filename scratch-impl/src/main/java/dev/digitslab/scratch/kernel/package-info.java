/**
 * The fast code, kept apart from the readable network: the float32 matrix-product and element-wise kernels and the
 * per-feature ones of batch norm and the bias gradient (plain {@link dev.digitslab.scratch.kernel.ScalarKernels} as
 * the reference, Vector API {@link dev.digitslab.scratch.kernel.VectorKernels}, bit-identical to each other), their
 * selection, and the worker pool whose threads claim a product's output in bands of rows or columns (and Adam's update
 * of a large parameter in ranges of elements), one at a time, so results never depend on the thread count or on which
 * thread was quicker.
 *
 * <p>May depend on: {@code dev.digitslab.scratch.tensor}, the JDK (and {@code jdk.incubator.vector} when present).
 */
package dev.digitslab.scratch.kernel;
