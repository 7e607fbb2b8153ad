/**
 * A network's parameters in the one layout both implementations share: {@link
 * dev.digitslab.api.params.ParameterLayout} derives the arrays a spec's network has (names, shapes, order) and
 * checks parameters against it; {@link dev.digitslab.api.params.ModelParameters} and {@link
 * dev.digitslab.api.params.LayerParameters} hold the values. Depends only on {@code dev.digitslab.api.spec}.
 */
package dev.digitslab.api.params;
