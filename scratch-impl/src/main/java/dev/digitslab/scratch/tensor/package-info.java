/**
 * The one storage type of the scratch network: {@link dev.digitslab.scratch.tensor.Tensor}, a row-major matrix
 * in one {@link dev.digitslab.scratch.tensor.Precision} (float32 to train, float64 to check gradients).
 *
 * <p>May depend on: the JDK only.
 */
package dev.digitslab.scratch.tensor;
