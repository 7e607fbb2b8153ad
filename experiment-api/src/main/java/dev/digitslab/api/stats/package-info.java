/**
 * Small statistics shared by the modules (the median of timings and p-values), so each is written once.
 * Depends on nothing but the JDK.
 */
package dev.digitslab.api.stats;
