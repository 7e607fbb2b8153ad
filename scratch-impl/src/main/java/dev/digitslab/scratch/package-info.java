/**
 * The hand-written implementation of the trainer SPI (the candidate implementation):
 * {@link dev.digitslab.scratch.ScratchTrainer} (found by {@link java.util.ServiceLoader}),
 * {@link dev.digitslab.scratch.ScratchModel} (a float32 network with its optimiser, offering the batch step the
 * shared training loop drives) and {@link dev.digitslab.scratch.ModelFile} (the saved-model format, checked against the spec's
 * {@link dev.digitslab.api.params.ParameterLayout}).
 *
 * <p>May depend on: {@code experiment-api}, this module's subpackages, the JDK (no ML library).
 */
package dev.digitslab.scratch;
