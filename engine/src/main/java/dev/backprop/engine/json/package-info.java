/**
 * The contract's JSON form: problems read with every mistake named by its field path, problems and
 * solutions written back, and the {@link dev.backprop.engine.json.Limits} a server applies to what
 * anyone sends. Jackson does the reading and writing but is no type of this API: text and bytes go
 * in, problems and text come out, so a user of the builder alone can leave Jackson off.
 */
@NullMarked
package dev.backprop.engine.json;

import org.jspecify.annotations.NullMarked;
