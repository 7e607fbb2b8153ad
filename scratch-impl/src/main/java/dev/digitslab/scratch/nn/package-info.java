/**
 * The hand-written network: layers (dense, activation, dropout, batch norm) with their forward and backward
 * passes, the losses with the output activation fused in, weight initialisation, and {@link
 * dev.digitslab.scratch.nn.Network}, which stacks them as a spec says and exports and imports parameters in
 * the shared layout. Depends on experiment-api ({@code spec}, {@code params}, {@code seed}) and on this
 * module's {@code tensor} and {@code kernel} packages; never on the optimisers or the trainer.
 */
package dev.digitslab.scratch.nn;
