/**
 * {@link dev.digitslab.api.io.AtomicFiles}: the one way the project writes a file (temporary sibling, then an
 * atomic move), so a reader sees the old content or the complete new one and a failure leaves nothing behind.
 *
 * <p>May depend on: the JDK only.
 */
package dev.digitslab.api.io;
