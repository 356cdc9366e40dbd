package dev.backprop.engine.render;

import dev.backprop.engine.json.ProblemJson;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.support.Published;
import dev.backprop.engine.support.ReferenceFile;
import java.util.List;

/**
 * Problems the renderers are tried on: the published examples, and one for each activation, loss,
 * batch form, convention and page form that is written differently.
 */
final class RenderCases {
    private RenderCases() {
    }

    /**
     * One problem to render.
     *
     * @param name    what it shows
     * @param problem the problem
     * @param digits  significant figures
     * @param neuron  the neuron worked in full for a big network, or ""
     */
    record Case(String name, Problem problem, int digits, String neuron) {
        RenderOptions options(Notation.Profile profile) {
            return new RenderOptions(profile, digits, neuron);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String XOR = """
            {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid", "weights": [[0.5, 0.9], [-0.4, 1.0]], "biases": [0.2, -0.3]},
              {"size": 1, "activation": "sigmoid", "weights": [[1.1, -1.2]], "biases": [0.1]}],
             "learningRate": 0.5, "epochs": 4000, "samples": [{"input": [0, 0], "target": [0]}, {"input": [0, 1], "target": [1]},
              {"input": [1, 0], "target": [1]}, {"input": [1, 1], "target": [0]}]}""";

    static final String SOFTMAX = """
            {"layers": [{"size": 2}, {"size": 3, "activation": "tanh", "weights": [[0.2, -0.4], [0.5, 0.3], [-0.3, 0.6]], "biases": [0.1, -0.1, 0.0]},
              {"size": 3, "activation": "softmax", "weights": [[0.4, -0.2, 0.3], [-0.5, 0.6, 0.1], [0.2, 0.1, -0.4]], "biases": [0, 0, 0]}],
             "loss": "cross-entropy", "learningRate": 0.5, "epochs": 100, "batchSize": 3,
             "samples": [{"input": [1.0, 0.2], "target": [1, 0, 0]}, {"input": [0.1, 0.9], "target": [0, 1, 0]},
              {"input": [-0.8, -0.5], "target": [0, 0, 1]}]}""";

    static final String MIXED = """
            {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 2, "activation": "relu"}, {"size": 1, "activation": "linear"}],
             "loss": "squared-error", "learningRate": 0.1, "epochs": 3, "batchSize": 2,
             "samples": [{"input": [1, -2], "target": [0.5]}, {"input": [0.5, 0.25], "target": [-1]}, {"input": [-3, 1e-7], "target": [2]}]}""";

    static final String BINARY = """
            {"layers": [{"size": 3}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
             "loss": "binary-cross-entropy", "learningRate": 2, "hiddenDeltaWeights": "updated",
             "given": {"a[1][0]": 0.5}, "samples": [{"input": [1, 0, 123456789], "target": [1]}]}""";

    static final String MEAN_SQUARED = """
            {"layers": [{"size": 1}, {"size": 2, "activation": "linear", "weights": [[1e-9], [-2.5e8]], "biases": [0, 1e12]}],
             "loss": "mean-squared-error", "learningRate": 1e-6, "samples": [{"input": [3], "target": [1, -1]}]}""";

    static final String ROUNDED = """
            {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid", "weights": [[0.15, 0.2], [0.25, 0.3]], "biases": [0.35, 0.35]},
              {"size": 1, "activation": "sigmoid", "weights": [[0.4, 0.45]], "biases": [0.6]}],
             "learningRate": 0.5, "rounding": {"decimals": 4}, "samples": [{"input": [0.05, 0.1], "target": [0.75]}]}""";

    static final String BIG = """
            {"layers": [{"size": 4}, {"size": 8, "activation": "relu"}, {"size": 8, "activation": "tanh"}, {"size": 4, "activation": "softmax"}],
             "loss": "cross-entropy", "learningRate": 0.05, "seed": 7,
             "samples": [{"input": [0.1, 0.2, 0.3, 0.4], "target": [0, 0, 1, 0]}]}""";

    static final String WIDE = """
            {"layers": [{"size": 3}, {"size": 12, "activation": "sigmoid"}, {"size": 2, "activation": "sigmoid"}],
             "learningRate": 0.1, "batchSize": 2, "epochs": 2,
             "samples": [{"input": [1, 2, 3], "target": [0, 1]}, {"input": [0, 1, 0], "target": [1, 0]}]}""";

    static final String SEED_ADAM = """
            {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid", "weights": [[0.15, 0.2], [0.25, 0.3]], "biases": [0.35, 0.35]},
              {"size": 1, "activation": "sigmoid", "weights": [[0.4, 0.45]], "biases": [0.6]}],
             "learningRate": 0.01, "epochs": 2, "workedUpdates": 2, "optimizer": {"name": "adam"},
             "samples": [{"input": [0.05, 0.1], "target": [0.75]}]}""";

    static final String NESTEROV = """
            {"layers": [{"size": 2}, {"size": 2, "activation": "tanh", "weights": [[0.1, -0.2], [0.3, 0.4]], "biases": [0.05, -0.05]},
              {"size": 2, "activation": "sigmoid", "weights": [[0.5, -0.6], [0.7, 0.2]], "biases": [0.1, 0.1]}],
             "learningRate": 0.3, "epochs": 2, "batchSize": 2, "updateBiases": false, "workedUpdates": 3,
             "optimizer": {"name": "nesterov", "momentum": 0.9, "weightDecay": 0.01},
             "samples": [{"input": [1, 0], "target": [1, 0]}, {"input": [0, 1], "target": [0, 1]}, {"input": [1, 1], "target": [1, 1]}]}""";

    static final String RMSPROP_ROUNDED = """
            {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid", "weights": [[0.15, 0.2], [0.25, 0.3]], "biases": [0.35, 0.35]},
              {"size": 1, "activation": "sigmoid", "weights": [[0.4, 0.45]], "biases": [0.6]}],
             "learningRate": 0.01, "rounding": {"significant": 4}, "optimizer": {"name": "rmsprop", "alpha": 0.9, "epsilon": 1e-6},
             "epochs": 2, "workedUpdates": 2, "samples": [{"input": [0.05, 0.1], "target": [0.75]}]}""";

    static final String MOMENTUM_BATCHES = """
            {"layers": [{"size": 3}, {"size": 2, "activation": "relu", "weights": [[0.2, -0.1, 0.4], [0.3, 0.5, -0.2]], "biases": [0.1, 0.0]},
              {"size": 1, "activation": "linear", "weights": [[0.6, -0.4]], "biases": [0.2]}],
             "loss": "mean-squared-error", "learningRate": 0.05, "batchSize": 2, "epochs": 3, "workedUpdates": 4,
             "optimizer": {"name": "momentum", "momentum": 0.5},
             "samples": [{"input": [1, 2, 3], "target": [1]}, {"input": [0, 1, 0], "target": [-1]}, {"input": [2, 0, 1], "target": [0.5]}]}""";

    static final String BIG_ADAM = """
            {"layers": [{"size": 4}, {"size": 8, "activation": "relu"}, {"size": 8, "activation": "tanh"}, {"size": 4, "activation": "softmax"}],
             "loss": "cross-entropy", "learningRate": 0.05, "seed": 7, "epochs": 2, "workedUpdates": 2,
             "optimizer": {"name": "adam", "beta1": 0.8, "weightDecay": 0.001},
             "samples": [{"input": [0.1, 0.2, 0.3, 0.4], "target": [0, 0, 1, 0]}]}""";

    /** Every case. */
    static List<Case> all() {
        return List.of(
                new Case("the seed's example, its stated values", Published.seed().build(), 9, ""),
                new Case("the seed's network computed", Problem.builder().network(Published.seedNetwork()).learningRate(0.5)
                        .sample(new double[] {0.05, 0.10}, new double[] {0.75}).build(), 9, ""),
                new Case("Mazur's example", Published.mazur().build(), 9, ""),
                new Case("Mazur's example as published, 10,000 steps", ReferenceFile.load("mazur-as-published.json").problem(), 9, ""),
                new Case("XOR over 4,000 epochs", ProblemJson.read(XOR), 9, ""),
                new Case("softmax and cross-entropy, a batch of 3", ProblemJson.read(SOFTMAX), 9, ""),
                new Case("tanh, relu and linear; squared error; batches of 2", ProblemJson.read(MIXED), 9, ""),
                new Case("binary cross-entropy, the updated rule, a given value", ProblemJson.read(BINARY), 9, ""),
                new Case("mean squared error, tiny and huge numbers, 3 figures", ProblemJson.read(MEAN_SQUARED), 3, ""),
                new Case("rounded as on paper to 4 decimals", ProblemJson.read(ROUNDED), 9, ""),
                new Case("a 4-8-8-4 network in matrix form, h3 in full", ProblemJson.read(BIG), 9, "h3"),
                new Case("a 3-12-2 network (indices past 10) in batches of 2", ProblemJson.read(WIDE), 5, "o2"),
                new Case("the seed's network, two Adam updates", ProblemJson.read(SEED_ADAM), 9, ""),
                new Case("Nesterov with weight decay, fixed biases, batches of 2, three updates", ProblemJson.read(NESTEROV), 9, ""),
                new Case("RMSprop rounded to 4 significant figures, two updates", ProblemJson.read(RMSPROP_ROUNDED), 9, ""),
                new Case("momentum, mean squared error, four updates over two epochs", ProblemJson.read(MOMENTUM_BATCHES), 6, ""),
                new Case("a 4-8-8-4 network trained by Adam in matrix form, h3 in full", ProblemJson.read(BIG_ADAM), 9, "h3"));
    }
}
