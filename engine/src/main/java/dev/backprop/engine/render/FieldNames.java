package dev.backprop.engine.render;

import dev.backprop.engine.trace.Quantity;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a field of the problem format is called where a person reads about it, in a notation: the
 * contract path {@code layers[1].weights[0][1]} is "W₂₁, the weight from x2 into h1" in the seed's
 * notation and "w₂, the weight from i2 into h1" in Mazur's. A mistake is reported on its field as
 * "⟨name⟩ ⟨message⟩", the path shown beside it only as the key it is.
 *
 * <pre>{@code
 * FieldNames.of(Notation.of(problem)).name("samples[0].target[0]");   // "sample 1's target Y_o1"
 * }</pre>
 */
public final class FieldNames {
    private static final Pattern WEIGHT = Pattern.compile("layers\\[(\\d{1,4})]\\.weights\\[(\\d{1,6})]\\[(\\d{1,6})]");
    private static final Pattern WEIGHT_ROW = Pattern.compile("layers\\[(\\d{1,4})]\\.weights\\[(\\d{1,6})]");
    private static final Pattern BIAS = Pattern.compile("layers\\[(\\d{1,4})]\\.biases\\[(\\d{1,6})]");
    private static final Pattern LAYER_PART = Pattern.compile("layers\\[(\\d{1,4})](?:\\.(\\w+))?");
    private static final Pattern SAMPLE_VALUE = Pattern.compile("samples\\[(\\d{1,6})]\\.(input|target)\\[(\\d{1,6})]");
    private static final Pattern SAMPLE_PART = Pattern.compile("samples\\[(\\d{1,6})](?:\\.(input|target))?");

    private final Notation n;

    private FieldNames(Notation n) {
        this.n = n;
    }

    /** Field names in a notation (its layer sizes say which neurons exist). */
    public static FieldNames of(Notation notation) {
        return new FieldNames(notation);
    }

    /** The field's name in words and symbols, or the path itself where it names nothing known. */
    public String name(String path) {
        return known(path).orElse(path);
    }

    /** The field's name in words and symbols, if the path is one the format has (and its neuron exists). */
    public Optional<String> known(String path) {
        Matcher m;
        if ((m = WEIGHT.matcher(path)).matches()) {
            int l = group(m, 1);
            int j = group(m, 2);
            int i = group(m, 3);
            return neuron(l, j) && neuron(l - 1, i)
                    ? Optional.of(n.text(Quantity.wOld(l, j, i)) + ", the weight from " + n.neuron(l - 1, i) + " into " + n.neuron(l, j))
                    : Optional.of("Weight [" + j + "][" + i + "] of layer " + l);
        }
        if ((m = WEIGHT_ROW.matcher(path)).matches()) {
            int l = group(m, 1);
            int j = group(m, 2);
            return Optional.of(neuron(l, j) ? "The weights into " + n.neuron(l, j) : "Row " + j + " of layer " + l + "'s weights");
        }
        if ((m = BIAS.matcher(path)).matches()) {
            int l = group(m, 1);
            int j = group(m, 2);
            return Optional.of(neuron(l, j) ? n.text(Quantity.bOld(l, j)) + ", the bias of " + n.neuron(l, j)
                    : "Bias " + j + " of layer " + l);
        }
        if ((m = LAYER_PART.matcher(path)).matches()) {
            String layer = "layer " + group(m, 1);
            String part = m.group(2);
            if (part == null) {
                return Optional.of(capital(layer));
            }
            return switch (part) {
                case "size" -> Optional.of("The size of " + layer);
                case "activation" -> Optional.of(capital(layer) + "'s activation");
                case "weights" -> Optional.of(capital(layer) + "'s weights " + n.name(Quantity.Kind.W));
                case "biases" -> Optional.of(capital(layer) + "'s biases " + n.name(Quantity.Kind.B));
                default -> Optional.empty();
            };
        }
        if ((m = SAMPLE_VALUE.matcher(path)).matches()) {
            int s = group(m, 1);
            int k = group(m, 3);
            String sample = "Sample " + (s + 1) + "'s ";
            if (m.group(2).equals("input")) {
                return Optional.of(sample + (neuron(0, k) ? "input " + n.text(Quantity.a(0, k)) : "input " + (k + 1)));
            }
            int out = n.depth() - 1;
            return Optional.of(sample + (neuron(out, k) ? "target " + n.text(Quantity.target(k)) : "target " + (k + 1)));
        }
        if ((m = SAMPLE_PART.matcher(path)).matches()) {
            String sample = "Sample " + (group(m, 1) + 1);
            return Optional.of(m.group(2) == null ? sample : sample + "'s " + m.group(2) + "s");
        }
        if (path.startsWith("given.")) {
            String key = path.substring("given.".length());
            Optional<Quantity> q = Quantity.parse(key);
            return Optional.of(q.isPresent() && neuron(q.get().layer(), q.get().row())
                    && (q.get().kind() == Quantity.Kind.A || q.get().kind() == Quantity.Kind.Z)
                    ? "The given value of " + n.text(q.get()) : "The given value " + key);
        }
        return switch (path) {
            case "layers" -> Optional.of("The layers");
            case "samples" -> Optional.of("The samples");
            case "learningRate" -> Optional.of("The learning rate " + n.name(Quantity.Kind.ALPHA));
            case "epochs" -> Optional.of("Epochs");
            case "batchSize" -> Optional.of("The batch size");
            case "loss" -> Optional.of("The loss");
            case "updateBiases" -> Optional.of("Whether biases are updated");
            case "hiddenDeltaWeights" -> Optional.of("The weights the hidden " + n.name(Quantity.Kind.DELTA) + " use");
            case "rounding", "rounding.decimals", "rounding.significant" -> Optional.of("Rounding");
            case "given" -> Optional.of("The given values");
            case "seed" -> Optional.of("The seed for weights left empty");
            case "optimizer", "optimizer.name" -> Optional.of("The update rule");
            case "optimizer.momentum" -> Optional.of("The momentum μ");
            case "optimizer.alpha" -> Optional.of("RMSprop's smoothing constant ρ");
            case "optimizer.epsilon" -> Optional.of("The update rule's ε");
            case "optimizer.beta1" -> Optional.of("Adam's β₁");
            case "optimizer.beta2" -> Optional.of("Adam's β₂");
            case "optimizer.weightDecay" -> Optional.of("The weight decay λ");
            case "workedUpdates" -> Optional.of("The number of updates worked step by step");
            case "(body)" -> Optional.of("The problem's JSON text");
            default -> Optional.empty();
        };
    }

    private boolean neuron(int l, int j) {
        return l >= 0 && l < n.depth() && j >= 0 && j < n.size(l);
    }

    private static int group(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
