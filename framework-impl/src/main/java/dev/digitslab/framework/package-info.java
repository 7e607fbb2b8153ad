/**
 * The Deeplearning4j implementation behind experiment-api's trainer interface: spec → network configuration,
 * training and prediction, parameter transfer to and from the shared {@link
 * dev.digitslab.api.params.ParameterLayout}, and saved models checked before Deeplearning4j reads them.
 * Depends on experiment-api, Deeplearning4j and ND4J; never on scratch-impl.
 */
package dev.digitslab.framework;
