package dev.backprop.engine.dsl

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import dev.backprop.engine.nn.Network
import dev.backprop.engine.nn.Problem
import dev.backprop.engine.nn.ProblemException
import dev.backprop.engine.support.Published
import org.junit.jupiter.api.Assertions.assertEquals
import java.math.BigDecimal
import java.math.RoundingMode

/** The reference problems written with the Java builder ([Published]), the oracle the DSL is compared with. */
internal object JavaBuilt {
    fun mazurNetwork(): Network = Published.mazurNetwork()

    fun mazurProblem(): Problem = Published.mazur().build()

    fun seedProblem(): Problem = Published.seed().build()
}

/** The same problems in the DSL. */
internal object DslBuilt {
    fun mazurProblem(): Problem = problem {
        network {
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
        loss = halfSquaredError
        learningRate = 0.5
        sample(input(0.05, 0.10), target(0.01, 0.99))
        updateBiases = false
    }

    fun seedProblem(): Problem = problem {
        network {
            input(2)
            dense(2, sigmoid) {
                weights(row(0.15, 0.20), row(0.25, 0.30))
                biases(0.35, 0.35)
            }
            dense(1, sigmoid) {
                weights(row(0.40, 0.45))
                biases(0.60)
            }
        }
        learningRate = 0.5
        sample(input(0.05, 0.10), target(0.75))
        given("a[1][0]", 0.59)
        given("a[1][1]", 0.60)
        given("a[2][0]", 0.70)
    }
}

/** The fields named by a [ProblemException], in order. */
internal fun ProblemException.fields(): List<String> = errors().map { it.field() }

/** The message given for [field]; fails when there is none. */
internal fun ProblemException.messageFor(field: String): String =
    errors().firstOrNull { it.field() == field }?.message()
        ?: throw AssertionError("no error for $field in ${errors()}")

/** Asserts that [actual] shows the [published] digits when rounded to as many decimals as were printed. */
internal fun assertPublished(published: String, actual: Double, what: String) {
    val printed = BigDecimal(published)
    assertEquals(printed, BigDecimal(actual).setScale(printed.scale(), RoundingMode.HALF_UP), what)
}

/** A reference file from `src/test/resources/reference`, parsed. */
internal fun reference(name: String): JsonNode =
    ObjectMapper().readTree(JavaBuilt::class.java.getResourceAsStream("/reference/$name")
        ?: throw AssertionError("no reference file $name"))

/**
 * Asserts that [problem] is the problem written in the contract's JSON form in [json], field by
 * field, with the contract's defaults for fields the file leaves out.
 */
internal fun assertIsProblemOf(json: JsonNode, problem: Problem) {
    val layers = json["layers"]
    val net = problem.network()
    assertEquals(layers.size(), net.depth(), "depth")
    assertEquals(layers[0]["size"].asInt(), net.inputSize(), "layers[0].size")
    for (l in 1 until layers.size()) {
        val layer = net.layer(l)
        assertEquals(layers[l]["activation"].asText(), layer.activation().id(), "layers[$l].activation")
        assertEquals(layers[l]["size"].asInt(), layer.size(), "layers[$l].size")
        val w = layers[l]["weights"]
        for (j in 0 until w.size()) {
            for (i in 0 until w[j].size()) {
                assertEquals(w[j][i].asDouble(), layer.weight(j, i), "layers[$l].weights[$j][$i]")
            }
            assertEquals(w[j].size(), layer.inputs(), "layers[$l].weights[$j] length")
            assertEquals(layers[l]["biases"][j].asDouble(), layer.bias(j), "layers[$l].biases[$j]")
        }
    }
    assertEquals(json["loss"]?.asText() ?: "half-squared-error", problem.loss().id(), "loss")
    assertEquals(json["learningRate"].asDouble(), problem.learningRate(), "learningRate")
    assertEquals(json["epochs"]?.asInt() ?: 1, problem.epochs(), "epochs")
    assertEquals(json["batchSize"]?.asInt() ?: 1, problem.batchSize(), "batchSize")
    assertEquals(json["updateBiases"]?.asBoolean() ?: true, problem.updateBiases(), "updateBiases")
    assertEquals(json["hiddenDeltaWeights"]?.asText() ?: "original", problem.hiddenDeltaWeights().id(), "hiddenDeltaWeights")
    val samples = json["samples"]
    assertEquals(samples.size(), problem.samples().size, "samples")
    for (s in 0 until samples.size()) {
        assertEquals(samples[s]["input"].map { it.asDouble() }, problem.samples()[s].input().toList(), "samples[$s].input")
        assertEquals(samples[s]["target"].map { it.asDouble() }, problem.samples()[s].target().toList(), "samples[$s].target")
    }
    val given = json["given"]
    val expectedGiven = given?.properties()?.associate { (key, value) -> key to value.asDouble() } ?: emptyMap()
    assertEquals(expectedGiven, problem.given().mapKeys { (q, _) -> q.key() }, "given")
}
