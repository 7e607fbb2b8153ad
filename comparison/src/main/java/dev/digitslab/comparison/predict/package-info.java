/**
 * Prediction on the user's own images: reading a digit image into the network's input, and loading a saved
 * model whichever implementation wrote it.
 *
 * <p>Depends on the experiment API ({@code api.train}: trainers found with the ServiceLoader) and the JDK's image
 * I/O; not on the other packages of this module.
 */
package dev.digitslab.comparison.predict;
