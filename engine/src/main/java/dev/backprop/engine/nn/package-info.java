/**
 * Networks, layers, activations, losses and the problem a student works: the engine's vocabulary.
 *
 * <p>Every type here is {@code @NullMarked}: nothing is null unless it is marked {@code @Nullable},
 * so Kotlin sees real nullability instead of platform types.
 */
@NullMarked
package dev.backprop.engine.nn;

import org.jspecify.annotations.NullMarked;
