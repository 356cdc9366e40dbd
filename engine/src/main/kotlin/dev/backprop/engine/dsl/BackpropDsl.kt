package dev.backprop.engine.dsl

/**
 * Marks the scopes of the Kotlin DSL, so that inside a nested block only the innermost scope's
 * members are in reach without a label (a `dense { }` block cannot call `input(...)` by mistake).
 */
@DslMarker
@Target(AnnotationTarget.CLASS)
public annotation class BackpropDsl
