/**
 * The network itself, readable first: layers with {@code forward} and {@code backward} side by side
 * (dense, activation, dropout, batch norm), the losses fused with their output activation, weight
 * initialisation, and {@link dev.digitslab.scratch.nn.Network}, which stacks them as a spec describes.
 * Everything is written once against {@link dev.digitslab.scratch.tensor.Tensor}, so the same code trains in
 * float32 and is gradient-checked in float64.
 *
 * <p>May depend on: {@code dev.digitslab.scratch.tensor}, {@code dev.digitslab.scratch.kernel} (the matrix
 * products and float32 element-wise kernels), {@code experiment-api}'s specs, parameter layout and seed
 * streams, the JDK.
 */
package dev.digitslab.scratch.nn;
