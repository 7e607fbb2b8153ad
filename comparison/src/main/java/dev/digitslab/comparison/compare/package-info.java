/**
 * Two sets of saved results side by side ({@code digits-lab compare A B}): per experiment and implementation the
 * change in test accuracy with its interval and significance across seeds, and what differs between the two in
 * specs and environment. Reads results only; trains nothing.
 *
 * <p>May depend on {@code results}, {@code eval} and {@code catalogue}; the CLI prints what it computes.
 */
package dev.digitslab.comparison.compare;
