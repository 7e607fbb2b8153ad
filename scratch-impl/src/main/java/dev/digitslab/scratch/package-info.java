/**
 * The scratch implementation behind experiment-api's trainer interface: {@link
 * dev.digitslab.scratch.ScratchTrainer} (found by ServiceLoader), {@link dev.digitslab.scratch.ScratchModel}
 * (a network with its optimiser) and the saved-model format ({@code ModelFile}, checked against the spec's
 * {@link dev.digitslab.api.params.ParameterLayout}). Depends on experiment-api and this module's other packages.
 */
package dev.digitslab.scratch;
