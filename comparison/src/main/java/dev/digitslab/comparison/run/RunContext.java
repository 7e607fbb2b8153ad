package dev.digitslab.comparison.run;

/**
 * What a {@link RunTask} takes from the JVM it runs in, never shipped with it: the implementations on that JVM's
 * class path, where it gets its splits (real MNIST, found by that machine's locator), and where it reports progress.
 */
public record RunContext(Implementations implementations, SplitSource splits, ProgressListeners listeners) {
}
