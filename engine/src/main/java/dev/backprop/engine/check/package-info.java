/**
 * Checking a student's answers against the worked solution: marking to the digits written or to
 * the problem's rounding rule, crediting answers that follow from the student's own earlier
 * answers, and naming the known mistake that explains a wrong number. Entry point: {@link
 * dev.backprop.engine.check.Checker}.
 */
@NullMarked
package dev.backprop.engine.check;

import org.jspecify.annotations.NullMarked;
