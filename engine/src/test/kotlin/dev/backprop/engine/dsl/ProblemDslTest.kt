package dev.backprop.engine.dsl

import dev.backprop.engine.nn.Activation
import dev.backprop.engine.nn.HiddenDeltaWeights
import dev.backprop.engine.nn.Loss
import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.Optimizer
import dev.backprop.engine.nn.Problem
import dev.backprop.engine.nn.ProblemException
import dev.backprop.engine.nn.Rounding
import dev.backprop.engine.support.Published
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import kotlin.random.Random

class ProblemDslTest {

    @Test
    fun mazur_problem_equals_the_java_builders() {
        assertEquals(JavaBuilt.mazurProblem(), DslBuilt.mazurProblem())
    }

    @Test
    fun mazur_problem_is_the_reference_files_problem() {
        assertIsProblemOf(reference("mazur-one-step.json")["problem"], DslBuilt.mazurProblem())
    }

    @Test
    fun seed_problem_with_given_values_equals_the_java_builders() {
        assertEquals(JavaBuilt.seedProblem(), DslBuilt.seedProblem())
        assertIsProblemOf(reference("seed-example.json")["problem"], DslBuilt.seedProblem())
    }

    @Test
    fun softmax_cross_entropy_problem_equals_the_java_builders() {
        val dsl = problem {
            network {
                input(3)
                dense(4, relu) {
                    weights(row(0.1, -0.2, 0.3), row(0.4, 0.5, -0.6), row(-0.7, 0.8, 0.9), row(0.2, 0.2, 0.2))
                    biases(0.1, 0.0, -0.1, 0.05)
                }
                dense(3, softmax) {
                    weights(row(0.3, -0.1, 0.2, 0.4), row(-0.5, 0.6, 0.1, 0.0), row(0.2, 0.2, -0.3, 0.7))
                }
            }
            loss = crossEntropy
            learningRate = 0.1
            sample(input = listOf(1.0, 0.5, -0.5), target = listOf(0.0, 1.0, 0.0))
            sample(input = listOf(0.0, -1.0, 2.0), target = listOf(1.0, 0.0, 0.0))
            epochs = 3
            batchSize = 2
            rounding = significant(6)
        }
        val java = Problem.builder()
            .network(
                Network.builder()
                    .input(3)
                    .dense(
                        Activation.RELU,
                        arrayOf(
                            doubleArrayOf(0.1, -0.2, 0.3), doubleArrayOf(0.4, 0.5, -0.6),
                            doubleArrayOf(-0.7, 0.8, 0.9), doubleArrayOf(0.2, 0.2, 0.2),
                        ),
                        0.1, 0.0, -0.1, 0.05,
                    )
                    .dense(
                        Activation.SOFTMAX,
                        arrayOf(doubleArrayOf(0.3, -0.1, 0.2, 0.4), doubleArrayOf(-0.5, 0.6, 0.1, 0.0), doubleArrayOf(0.2, 0.2, -0.3, 0.7)),
                        0.0, 0.0, 0.0,
                    )
                    .build(),
            )
            .loss(Loss.CROSS_ENTROPY)
            .learningRate(0.1)
            .sample(doubleArrayOf(1.0, 0.5, -0.5), doubleArrayOf(0.0, 1.0, 0.0))
            .sample(doubleArrayOf(0.0, -1.0, 2.0), doubleArrayOf(1.0, 0.0, 0.0))
            .epochs(3)
            .batchSize(2)
            .rounding(Rounding.significant(6))
            .build()
        assertEquals(java, dsl)
    }

    @Test
    fun random_problems_equal_the_java_builders() {
        val hidden = listOf(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LINEAR)
        repeat(40) { n ->
            val random = Random(1000 + n)
            val inputSize = random.nextInt(1, 6)
            val sizes = List(random.nextInt(1, 4)) { random.nextInt(1, 6) }
            val activations = sizes.indices.map { l ->
                if (l == sizes.lastIndex && random.nextInt(3) == 0) Activation.SOFTMAX else hidden.random(random)
            }
            val output = activations.last()
            val loss = when (output) {
                Activation.SOFTMAX -> Loss.CROSS_ENTROPY
                Activation.SIGMOID -> listOf(Loss.HALF_SQUARED_ERROR, Loss.SQUARED_ERROR, Loss.MEAN_SQUARED_ERROR, Loss.BINARY_CROSS_ENTROPY).random(random)
                else -> listOf(Loss.HALF_SQUARED_ERROR, Loss.SQUARED_ERROR, Loss.MEAN_SQUARED_ERROR).random(random)
            }
            val alpha = random.nextDouble(0.01, 1.0)
            val samples = List(random.nextInt(1, 5)) {
                val input = DoubleArray(inputSize) { random.nextDouble(-1.0, 1.0) }
                val target = DoubleArray(sizes.last()) { random.nextDouble(0.0, 1.0) }
                // a cross-entropy target is a distribution over the classes
                val sum = target.sum()
                if (loss == Loss.CROSS_ENTROPY) target.indices.forEach { target[it] /= sum }
                input to target
            }
            val epochs = random.nextInt(1, 4)
            val batch = random.nextInt(1, 4)
            val biases = random.nextBoolean()
            val rounding = listOf(null, Rounding.decimals(random.nextInt(0, 13)), Rounding.significant(random.nextInt(1, 16))).random(random)
            val netSeed = random.nextLong()

            val dsl = problem {
                network {
                    seed = netSeed
                    input(inputSize)
                    sizes.forEachIndexed { l, size -> dense(size, activations[l]) }
                }
                this.loss = loss
                learningRate = alpha
                samples.forEach { (x, y) -> sample(input = x.toList(), target = y.toList()) }
                this.epochs = epochs
                batchSize = batch
                updateBiases = biases
                this.rounding = when {
                    rounding == null -> null
                    rounding.significant() -> significant(rounding.digits())
                    else -> decimals(rounding.digits())
                }
            }
            val net = Network.builder().input(inputSize).seed(netSeed)
            sizes.forEachIndexed { l, size -> net.dense(size, activations[l]) }
            val java = Problem.builder().network(net.build()).loss(loss).learningRate(alpha)
                .epochs(epochs).batchSize(batch).updateBiases(biases).rounding(rounding)
            samples.forEach { (x, y) -> java.sample(x, y) }
            assertEquals(java.build(), dsl, "problem $n")
        }
    }

    @Test
    fun defaults_are_the_contracts() {
        val p = problem {
            network {
                input(1)
                dense(1, sigmoid)
            }
            learningRate = 0.5
            sample(input = listOf(1.0), target = listOf(0.0))
        }
        assertEquals(Loss.HALF_SQUARED_ERROR, p.loss())
        assertEquals(1, p.epochs())
        assertEquals(1, p.batchSize())
        assertTrue(p.updateBiases())
        assertEquals(HiddenDeltaWeights.ORIGINAL, p.hiddenDeltaWeights())
        assertNull(p.rounding())
        assertTrue(p.given().isEmpty())
    }

    @Test
    fun rounding_and_the_updated_rule_are_passed_through() {
        val p = problem {
            network = JavaBuilt.mazurNetwork()
            learningRate = 0.5
            sample(input = listOf(0.05, 0.10), target = listOf(0.01, 0.99))
            rounding = decimals(4)
            hiddenDeltaWeights = updated
        }
        assertEquals(Rounding(false, 4), p.rounding())
        assertEquals(HiddenDeltaWeights.UPDATED, p.hiddenDeltaWeights())
        assertEquals(JavaBuilt.mazurNetwork(), p.network())
    }

    @Test
    fun solving_the_dsl_mazur_problem_gives_mazurs_published_figures() {
        val solution = DslBuilt.mazurProblem().solve()
        assertPublished("0.35891648", solution["W[2][0][0]"], "W[2][0][0]")
        val published = reference("mazur-one-step.json")["published"]
        for ((key, value) in published.properties()) {
            val actual = if (key == "lossBefore") solution.lossBefore() else solution[key]
            assertPublished(value.asText(), actual, key)
        }
    }

    @Test
    fun the_updated_rule_gives_mazurs_printed_loss_after_one_step() {
        val asPublished = problem {
            network = DslBuilt.mazurProblem().network()
            learningRate = 0.5
            sample(input = listOf(0.05, 0.10), target = listOf(0.01, 0.99))
            updateBiases = false
            hiddenDeltaWeights = updated
        }
        assertPublished("0.291027924", asPublished.solve().lossAfter(), "lossAfter")
    }

    @Test
    fun the_seed_problem_gives_the_seeds_published_output_step() {
        val solution = DslBuilt.seedProblem().solve()
        assertPublished("-0.0105", solution["delta[2][0]"], "delta[2][0]")
        assertPublished("-0.006195", solution["dW[2][0][0]"], "dW[2][0][0]")
        assertPublished("0.4030975", solution["W[2][0][0]"], "W[2][0][0]")
    }

    @Test
    fun missing_network_and_learning_rate_are_reported_together() {
        val e = assertThrows<ProblemException> {
            problem { sample(input = listOf(1.0), target = listOf(0.0)) }
        }
        assertEquals(listOf("layers", "learningRate"), e.fields())
    }

    @Test
    fun every_mistake_is_reported_at_once_with_its_field() {
        val e = assertThrows<ProblemException> {
            problem {
                network {
                    input(2)
                    dense(2, sigmoid)
                }
                learningRate = -0.5
                sample(input = listOf(0.05, 0.10), target = listOf(0.01))
                epochs = 0
                batchSize = 0
            }
        }
        assertEquals(listOf("learningRate", "samples[0].target", "epochs", "batchSize"), e.fields())
        assertEquals("must be a positive number, was -0.5", e.messageFor("learningRate"))
    }

    @Test
    fun layer_mistakes_inside_a_problem_are_reported_with_the_other_mistakes() {
        val e = assertThrows<ProblemException> {
            problem {
                network {
                    input(2)
                    dense(2, sigmoid) { weights(row(0.15, 0.20)) }
                }
                sample(input = listOf(0.05, 0.10), target = listOf(0.01, 0.99))
                rounding = decimals(20)
            }
        }
        assertEquals(listOf("rounding", "layers[1].weights", "learningRate"), e.fields())
        assertEquals("has 1 rows; layer 1 has 2 neurons", e.messageFor("layers[1].weights"))
    }

    @Test
    fun given_keys_are_checked_against_the_network() {
        val e = assertThrows<ProblemException> {
            problem {
                network = JavaBuilt.mazurNetwork()
                learningRate = 0.5
                sample(input = listOf(0.05, 0.10), target = listOf(0.01, 0.99))
                given("A_h1", 0.59)
                given("a[3][0]", 0.5)
                given("delta[2][0]", 0.1)
            }
        }
        assertEquals(listOf("given.A_h1", "given.a[3][0]", "given.delta[2][0]"), e.fields())
    }

    @Test
    fun softmax_output_needs_the_cross_entropy_loss() {
        val e = assertThrows<ProblemException> {
            problem {
                network {
                    input(2)
                    dense(2, softmax)
                }
                loss = meanSquaredError
                learningRate = 0.1
                sample(input = listOf(1.0, 2.0), target = listOf(1.0, 0.0))
            }
        }
        assertEquals(listOf("layers[1].activation"), e.fields())
    }

    @Test
    fun a_network_given_twice_is_refused() {
        val e = assertThrows<ProblemException> {
            problem {
                network = JavaBuilt.mazurNetwork()
                network {
                    input(2)
                    dense(2, sigmoid)
                }
                learningRate = 0.5
                sample(input = listOf(0.05, 0.10), target = listOf(0.01, 0.99))
            }
        }
        assertEquals(listOf("layers"), e.fields())
    }

    @Test
    fun reading_a_setting_before_it_is_given_names_the_field() {
        val e = assertThrows<ProblemException> {
            problem { learningRate *= 2 }
        }
        assertEquals(listOf("learningRate"), e.fields())
    }

    @Test
    fun each_optimizer_and_the_worked_updates_equal_the_java_builders() {
        fun seed(block: ProblemScope.() -> Unit) = problem {
            network {
                input(2)
                dense(2, sigmoid) { weights(row(0.15, 0.20), row(0.25, 0.30)); biases(0.35, 0.35) }
                dense(1, sigmoid) { weights(row(0.40, 0.45)); biases(0.60) }
            }
            learningRate = 0.01
            sample(input = listOf(0.05, 0.10), target = listOf(0.75))
            epochs = 2
            block()
        }
        val java = { o: Optimizer, worked: Int ->
            Problem.builder().network(Published.seedNetwork()).learningRate(0.01)
                .sample(doubleArrayOf(0.05, 0.10), doubleArrayOf(0.75)).epochs(2).optimizer(o).workedUpdates(worked).build()
        }
        assertEquals(java(Optimizer.adam(), 2), seed { optimizer = adam(); workedUpdates = 2 })
        assertEquals(java(Optimizer.adam(0.8, 0.99, 1e-6).withWeightDecay(0.01), 1),
            seed { optimizer = adam(beta1 = 0.8, beta2 = 0.99, epsilon = 1e-6, weightDecay = 0.01) })
        assertEquals(java(Optimizer.momentum(0.9), 2), seed { optimizer = momentum(0.9); workedUpdates = 2 })
        assertEquals(java(Optimizer.nesterov(0.5).withWeightDecay(0.1), 1), seed { optimizer = nesterov(0.5, weightDecay = 0.1) })
        assertEquals(java(Optimizer.rmsprop(), 1), seed { optimizer = rmsprop() })
        assertEquals(java(Optimizer.SGD.withWeightDecay(0.01), 1), seed { optimizer = sgd(weightDecay = 0.01) })
        assertEquals(java(Optimizer.SGD, 1), seed { })
        // the second Adam update's first moment, by its key
        val adam = seed { optimizer = adam(); workedUpdates = 2 }.solve()
        assertTrue(adam["mW[2][0][0]:2"] != adam["mW[2][0][0]"])
    }

    @Test
    fun bad_optimizer_settings_are_reported_at_their_fields_with_the_rest() {
        val e = assertThrows<ProblemException> {
            problem {
                network { input(1); dense(1, linear) { weights(row(1.0)) } }
                learningRate = 0.1
                sample(input = listOf(1.0), target = listOf(0.0))
                optimizer = adam(beta1 = 1.5, epsilon = 0.0)
                workedUpdates = 3
            }
        }
        assertEquals(listOf("optimizer.beta1", "optimizer.epsilon", "workedUpdates"), e.errors().map { it.field() })
    }
}
