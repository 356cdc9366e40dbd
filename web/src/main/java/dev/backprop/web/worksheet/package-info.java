/**
 * The worksheet: a worked solution with blanks for the student to fill in, marked by the engine's
 * checker, with a hint and then the worked step for each wrong answer ({@code GET} and
 * {@code POST /worksheet}).
 */
@NullMarked
package dev.backprop.web.worksheet;

import org.jspecify.annotations.NullMarked;
