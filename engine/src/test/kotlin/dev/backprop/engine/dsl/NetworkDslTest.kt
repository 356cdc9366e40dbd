package dev.backprop.engine.dsl

import dev.backprop.engine.nn.Activation
import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.ProblemException
import dev.backprop.engine.train.Solver
import dev.backprop.engine.trace.Trace
import org.jspecify.annotations.NullMarked
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import kotlin.random.Random

class NetworkDslTest {

    @Test
    fun mazur_network_equals_the_java_builders() {
        assertEquals(JavaBuilt.mazurNetwork(), DslBuilt.mazurProblem().network())
    }

    @Test
    fun standalone_network_block_returns_the_network() {
        val net = network {
            input(2)
            dense(2, sigmoid) {
                weights(row(0.15, 0.20), row(0.25, 0.30))
                biases(0.35, 0.35)
            }
            dense(2, sigmoid) {
                weights(row(0.40, 0.45), row(0.50, 0.55))
                biases(0.60, 0.60)
            }
        }
        assertEquals(JavaBuilt.mazurNetwork(), net)
    }

    @Test
    fun mazur_network_has_the_reference_files_weights_in_place() {
        // weights[j][i] runs from neuron i below into neuron j: W[1][1][0] is Mazur's w3 = 0.25.
        val net = DslBuilt.mazurProblem().network()
        assertEquals(0.25, net.layer(1).weight(1, 0))
        assertEquals(0.45, net.layer(2).weight(0, 1))
        assertIsProblemOf(reference("mazur-one-step.json")["problem"], DslBuilt.mazurProblem())
    }

    @Test
    fun layers_without_weights_draw_the_same_weights_as_the_java_builder_for_the_same_seed() {
        val dsl = network {
            seed = 7
            input(3)
            dense(4, tanh)
            dense(2, sigmoid)
        }
        val java = Network.builder().input(3).dense(4, Activation.TANH).dense(2, Activation.SIGMOID).seed(7).build()
        assertEquals(java, dsl)
        val otherSeed = network {
            seed = 8
            input(3)
            dense(4, tanh)
            dense(2, sigmoid)
        }
        assertNotEquals(dsl, otherSeed, "the seed must reach the random draw")
    }

    @Test
    fun random_shapes_build_the_same_network_both_ways() {
        val activations = listOf(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LINEAR)
        repeat(60) { n ->
            val random = Random(n)
            val inputSize = random.nextInt(1, 7)
            val depth = random.nextInt(1, 5)
            val netSeed = random.nextLong()
            val specs = (1..depth).map { l ->
                val activation = if (l == depth && random.nextBoolean()) Activation.SOFTMAX else activations.random(random)
                LayerSpec(random.nextInt(1, 7), activation, explicit = random.nextBoolean())
            }
            var below = inputSize
            for (spec in specs) {
                if (spec.explicit) {
                    spec.weights = Array(spec.size) { DoubleArray(below) { random.nextDouble(-2.0, 2.0) } }
                    spec.biases = DoubleArray(spec.size) { random.nextDouble(-1.0, 1.0) }
                }
                below = spec.size
            }

            val dsl = network {
                seed = netSeed
                input(inputSize)
                for (spec in specs) {
                    dense(spec.size, spec.activation) {
                        spec.weights?.let { w -> weights(*w) }
                        spec.biases?.let { b -> biases(*b.toTypedArray()) }
                    }
                }
            }
            val builder = Network.builder().input(inputSize).seed(netSeed)
            for (spec in specs) {
                val w = spec.weights
                if (w == null) builder.dense(spec.size, spec.activation) else builder.dense(spec.activation, w, *spec.biases!!)
            }
            val java = builder.build()

            assertEquals(java, dsl, "shape $n: $specs")
            assertEquals(depth + 1, dsl.depth(), "shape $n")
            specs.forEachIndexed { k, spec ->
                assertEquals(spec.size, dsl.size(k + 1), "shape $n, layer ${k + 1}")
                spec.weights?.let { assertArrayEquals(it, dsl.layer(k + 1).weights(), "shape $n, layer ${k + 1}") }
            }
        }
    }

    private class LayerSpec(val size: Int, val activation: Activation, val explicit: Boolean) {
        var weights: Array<DoubleArray>? = null
        var biases: DoubleArray? = null

        override fun toString() = "dense($size, ${activation.id()}${if (explicit) ", explicit" else ""})"
    }

    @Test
    fun biases_default_to_zero() {
        val net = network {
            input(2)
            dense(1, linear) { weights(row(1.0, -1.0)) }
        }
        assertArrayEquals(doubleArrayOf(0.0), net.layer(1).biases())
    }

    @Test
    fun weight_row_count_must_match_the_declared_size_naming_the_layer() {
        val e = assertThrows<ProblemException> {
            network {
                input(2)
                dense(2, sigmoid) { weights(row(0.1, 0.2), row(0.3, 0.4)) }
                dense(2, sigmoid) { weights(row(0.1, 0.2), row(0.3, 0.4), row(0.5, 0.6)) }
            }
        }
        assertEquals(listOf("layers[2].weights"), e.fields())
        assertEquals("has 3 rows; layer 2 has 2 neurons", e.messageFor("layers[2].weights"))
    }

    @Test
    fun a_row_must_have_one_weight_per_neuron_below() {
        val e = assertThrows<ProblemException> {
            network {
                input(3)
                dense(2, relu) { weights(row(0.1, 0.2, 0.3), row(0.4, 0.5)) }
            }
        }
        assertEquals(listOf("layers[1].weights[1]"), e.fields())
        assertEquals("has 2 values; layer 0 has 3 neurons", e.messageFor("layers[1].weights[1]"))
    }

    @Test
    fun biases_count_must_match_the_declared_size() {
        val e = assertThrows<ProblemException> {
            network {
                input(1)
                dense(2, tanh) {
                    weights(row(0.1), row(0.2))
                    biases(0.5)
                }
            }
        }
        assertEquals(listOf("layers[1].biases"), e.fields())
        assertTrue(e.messageFor("layers[1].biases").contains("layer 1 has 2 neurons"))
    }

    @Test
    fun every_layer_mistake_is_reported_at_once() {
        val e = assertThrows<ProblemException> {
            network {
                input(2)
                dense(0, relu)
                dense(3, softmax)
                dense(1, linear) { weights(row(1.0, 2.0)) }
            }
        }
        assertEquals(
            listOf("layers[1].size", "layers[2].activation", "layers[3].weights[0]"),
            e.fields(),
        )
        assertEquals("softmax is for the output layer only", e.messageFor("layers[2].activation"))
    }

    @Test
    fun a_network_needs_an_input_and_a_dense_layer() {
        val e = assertThrows<ProblemException> { network { } }
        assertEquals(listOf("layers[0].size", "layers"), e.fields())
        val tooSmall = assertThrows<ProblemException> {
            network {
                input(0)
                dense(1, linear)
            }
        }
        assertEquals("must be at least 1, was 0", tooSmall.messageFor("layers[0].size"))
    }

    @Test
    fun input_comes_first_and_once() {
        val late = assertThrows<ProblemException> {
            network {
                dense(1, linear)
                input(2)
            }
        }
        assertEquals(listOf("layers[0]"), late.fields())
        val twice = assertThrows<ProblemException> {
            network {
                input(2)
                input(3)
                dense(1, linear)
            }
        }
        assertEquals("input(...) is given twice", twice.messageFor("layers[0]"))
    }

    @Test
    fun weights_and_biases_are_given_once_and_biases_need_weights() {
        val e = assertThrows<ProblemException> {
            network {
                input(1)
                dense(1, linear) {
                    weights(row(1.0))
                    weights(row(2.0))
                }
                dense(1, linear) {
                    biases(0.1)
                    biases(0.2)
                }
            }
        }
        assertEquals(listOf("layers[1].weights", "layers[2].biases", "layers[2].weights"), e.fields())
    }

    @Test
    fun engine_packages_are_null_marked_so_kotlin_sees_their_nullability() {
        for (type in listOf(Network::class.java, Solver::class.java, Trace::class.java)) {
            assertTrue(type.`package`.isAnnotationPresent(NullMarked::class.java), "${type.packageName} is not @NullMarked")
        }
    }
}
