/**
 * The worked solution as data: quantities, steps and each layer's values after the first update.
 *
 * <p>Every type here is {@code @NullMarked}: nothing is null unless it is marked {@code @Nullable},
 * so Kotlin sees real nullability instead of platform types.
 */
@NullMarked
package dev.backprop.engine.trace;

import org.jspecify.annotations.NullMarked;
