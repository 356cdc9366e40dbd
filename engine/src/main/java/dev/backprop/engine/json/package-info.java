/**
 * The contract's JSON form: problems read with every mistake named by its field path, problems and
 * solutions written back.
 */
@NullMarked
package dev.backprop.engine.json;

import org.jspecify.annotations.NullMarked;
