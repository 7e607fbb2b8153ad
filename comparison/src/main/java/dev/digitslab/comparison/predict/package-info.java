/**
 * Prediction on the user's own images: decoding an image file within bounds on memory and time
 * ({@link dev.digitslab.comparison.predict.BoundedImageReader}), refusing pictures whose ink cannot be a digit
 * ({@link dev.digitslab.comparison.predict.InkBox}), converting the rest into the network's input the MNIST way
 * ({@link dev.digitslab.comparison.predict.DigitImage}), and loading a saved model whichever implementation
 * wrote it.
 *
 * <p>Depends on the experiment API ({@code api.train}: trainers found with the ServiceLoader) and the JDK's image
 * I/O; not on the other packages of this module.
 */
package dev.digitslab.comparison.predict;
