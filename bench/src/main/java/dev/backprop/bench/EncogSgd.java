package dev.backprop.bench;

import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import org.encog.engine.network.activation.ActivationSigmoid;
import org.encog.ml.data.basic.BasicMLDataSet;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.layers.BasicLayer;
import org.encog.neural.networks.training.propagation.back.Backpropagation;

/**
 * Encog 3.4 set up for the same plain per-sample gradient descent as the engine: {@link Backpropagation}
 * with momentum 0, batch size 1, no flat-spot fix, one thread, sigmoid layers with biases.
 *
 * <p>Encog's default error function ({@code LinearErrorFunction}) gives the output error (y − a)·f'(a)
 * and the update W += α·gradient, i.e. W − α·∂L/∂W for L = ½Σ(y − a)²: the same rule. With batch size
 * 1 Encog applies the update after each sample, and its gradient worker shares the weight array with
 * the network, so each sample sees the previous sample's update.
 *
 * <pre>{@code
 * EncogSgd e = new EncogSgd(network, inputs, targets, 0.5);
 * e.epoch();
 * }</pre>
 */
public final class EncogSgd {
    private final BasicNetwork net;
    private final Backpropagation train;
    private final double[] initial;
    private final int[] n;

    /** Encog's copy of the network (sigmoid everywhere) and its trainer over the samples. */
    public EncogSgd(Network network, double[][] inputs, double[][] targets, double alpha) {
        int depth = network.depth();
        n = new int[depth];
        n[0] = network.inputSize();
        net = new BasicNetwork();
        // An Encog layer's bias neuron feeds the layer above, so every layer but the output has one.
        net.addLayer(new BasicLayer(null, true, n[0]));
        for (int l = 1; l < depth; l++) {
            n[l] = network.size(l);
            net.addLayer(new BasicLayer(new ActivationSigmoid(), l < depth - 1, n[l]));
        }
        net.getStructure().finalizeStructure();
        for (int l = 1; l < depth; l++) {
            Layer layer = network.layer(l);
            for (int j = 0; j < n[l]; j++) {
                for (int i = 0; i < n[l - 1]; i++) {
                    net.setWeight(l - 1, i, j, layer.weight(j, i));
                }
                net.setWeight(l - 1, n[l - 1], j, layer.bias(j));
            }
        }
        train = new Backpropagation(net, new BasicMLDataSet(inputs, targets), alpha, 0.0);
        train.setBatchSize(1);
        train.fixFlatSpot(false);
        train.setThreadCount(1);
        initial = net.getFlat().getWeights().clone();
    }

    /** Puts the starting weights and biases back into Encog's flat weight array. */
    public void reset() {
        System.arraycopy(initial, 0, net.getFlat().getWeights(), 0, initial.length);
    }

    /** One Encog iteration: one pass over the samples, an update after each. */
    public void epoch() {
        train.iteration();
    }

    /** The current weight from neuron i of layer l − 1 into neuron j of layer l. */
    public double weight(int l, int j, int i) {
        return net.getWeight(l - 1, i, j);
    }

    /** The current bias of neuron j of layer l. */
    public double bias(int l, int j) {
        return net.getWeight(l - 1, n[l - 1], j);
    }
}
