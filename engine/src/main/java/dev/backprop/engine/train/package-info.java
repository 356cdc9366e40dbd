/**
 * Training: the traced solver that works the first update step by step, and the fast trainer.
 *
 * <p>Every type here is {@code @NullMarked}: nothing is null unless it is marked {@code @Nullable},
 * so Kotlin sees real nullability instead of platform types.
 */
@NullMarked
package dev.backprop.engine.train;

import org.jspecify.annotations.NullMarked;
