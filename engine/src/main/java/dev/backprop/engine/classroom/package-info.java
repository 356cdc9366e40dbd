/**
 * Teaching a class: one exercise, a variant of its numbers for each student that follows from the
 * exercise, the asked quantities, a salt and the student's id alone ({@link
 * dev.backprop.engine.classroom.Variants}); every student's answers marked against their own
 * variant, with the class's marks and mistakes summed up ({@link
 * dev.backprop.engine.classroom.ClassMarking}); and the class's CSV files ({@link
 * dev.backprop.engine.classroom.ClassCsv}).
 */
@NullMarked
package dev.backprop.engine.classroom;

import org.jspecify.annotations.NullMarked;
