/**
 * The Deeplearning4j implementation of the trainer SPI (the reference implementation):
 * {@link dev.digitslab.framework.FrameworkTrainer} (found by {@link java.util.ServiceLoader}) builds a
 * {@code MultiLayerNetwork} from a spec through {@link dev.digitslab.framework.NetworkConfigurationMapper},
 * and {@code FrameworkModel} offers the batch step the shared training loop drives. Also here: the classic
 * momentum updater Deeplearning4j lacks, exact parameter transfer to and from the shared
 * {@link dev.digitslab.api.params.ParameterLayout}, the strictly
 * checked model-file format, and the native runtime's thread settings.
 *
 * <p>May depend on: {@code experiment-api}, Deeplearning4j / ND4J, the JDK. Never on {@code scratch-impl},
 * {@code datasets} or {@code comparison}.
 */
package dev.digitslab.framework;
