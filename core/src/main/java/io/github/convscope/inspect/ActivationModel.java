package io.github.convscope.inspect;

import io.github.convscope.backend.NetworkLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's "activation model" ({@code Model(inputs=model.input, outputs=[layer.output for ...])}): one output per
 * selected layer, computed by the trained network itself.
 *
 * <pre>{@code
 * ActivationModel activations = ActivationExtractor.of(model).build();
 * List<FeatureMap> maps = activations.predict(images);   // images: NHWC [batch, 150, 150, 3]
 * }</pre>
 *
 * <p>It is not a copy of the network: {@link #predict} runs the original {@code MultiLayerNetwork} or
 * {@code ComputationGraph} (so it always sees the current weights) once per chunk of images, in inference mode
 * (dropout off), and stops at the deepest selected layer. Calls on one network are serialised.
 *
 * <p>Thread-safe: an {@code ActivationModel} is immutable, and {@link #predict} may be called from several threads
 * at once; they run one after another (each holds the network's lock, as DL4J's own {@code output} and
 * {@code fit} do), so a prediction never sees weights half-way through a training step.
 */
public final class ActivationModel {
    private final Model network;
    private final List<LayerTap> taps;
    private final InputSpec input;
    private final int chunkSize;
    private final int stopLayer;

    ActivationModel(Model network, List<LayerTap> taps, InputSpec input, int chunkSize) {
        this.network = network;
        this.taps = List.copyOf(taps);
        this.input = input;
        this.chunkSize = chunkSize;
        this.stopLayer = network instanceof ComputationGraph graph ? graphStopLayer(graph, this.taps) : -1;
    }

    /** Index (in {@code graph.getLayers()}) of the first layer at or after the deepest tap; -1 for none. */
    private static int graphStopLayer(ComputationGraph graph, List<LayerTap> taps) {
        Map<String, Integer> position = new HashMap<>();
        int[] order = graph.topologicalSortOrder();
        for (int p = 0; p < order.length; p++) {
            position.put(graph.getVertices()[order[p]].getVertexName(), p);
        }
        int deepest = taps.stream().mapToInt(t -> position.get(t.vertexName())).max().orElseThrow();
        int best = -1;
        int bestPosition = Integer.MAX_VALUE;
        Layer[] layers = graph.getLayers();
        for (int k = 0; k < layers.length; k++) {
            Integer p = position.get(layers[k].conf().getLayer().getLayerName());
            if (p != null && p >= deepest && p < bestPosition) {
                best = k;
                bestPosition = p;
            }
        }
        return best;
    }

    /**
     * Computes the activations of every selected layer for a batch of images.
     *
     * @param images float NHWC {@code [batch, height, width, channels]}, the same values the network was trained on
     *     (e.g. rescaled to [0, 1]); any float type, cast to the network's type
     * @return one {@link FeatureMap} per selected layer, in selection order, each float32 NHWC
     *     {@code [batch, h, w, c]} (or {@code [batch, features]} for flat layers)
     * @throws IllegalArgumentException when {@code images} does not have the shape the network takes; the message
     *     states that shape (height and width are checked up front when known, otherwise by the network itself)
     */
    public List<FeatureMap> predict(INDArray images) {
        input.check(images);
        int n = (int) images.size(0);
        List<List<INDArray>> parts = new ArrayList<>();
        for (int k = 0; k < taps.size(); k++) {
            parts.add(new ArrayList<>());
        }
        for (int start = 0; start < n; start += chunkSize) {
            int end = Math.min(n, start + chunkSize);
            INDArray chunk = start == 0 && end == n ? images
                    : images.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.all());
            INDArray[] raw;
            try {
                raw = forward(toNetworkLayout(chunk));
            } catch (IllegalStateException | DL4JException e) {
                // DL4J checks sizes only where a layer needs them (e.g. before the dense layers).
                throw new IllegalArgumentException("the network rejected images of shape "
                        + Arrays.toString(images.shape()) + " (expected NHWC " + input.describe() + "): "
                        + e.getMessage(), e);
            }
            for (int k = 0; k < taps.size(); k++) {
                parts.get(k).add(toKerasLayout(raw[k], taps.get(k)));
            }
        }
        List<FeatureMap> maps = new ArrayList<>(taps.size());
        for (int k = 0; k < taps.size(); k++) {
            List<INDArray> p = parts.get(k);
            INDArray all = p.size() == 1 ? p.get(0) : Nd4j.concat(0, p.toArray(new INDArray[0]));
            maps.add(new FeatureMap(taps.get(k).name(), taps.get(k).type(), all));
        }
        return maps;
    }

    /** The names of the selected layers, in the order {@link #predict} returns them. */
    public List<String> layerNames() {
        return taps.stream().map(LayerTap::name).toList();
    }

    /** The types of the selected layers, in the order {@link #predict} returns them. */
    public List<String> layerTypes() {
        return taps.stream().map(LayerTap::type).toList();
    }

    /** How many images one forward pass takes at most; larger batches are split into chunks of this size. */
    public int chunkSize() {
        return chunkSize;
    }

    /** The expected input shape as text, e.g. {@code [batch, 150, 150, 3]} (unknown sizes are named, not numbered). */
    public String expectedInputShape() {
        return input.describe();
    }

    /** The DL4J network underneath ({@code MultiLayerNetwork} or {@code ComputationGraph}). */
    public Model network() {
        return network;
    }

    private INDArray toNetworkLayout(INDArray nhwc) {
        DataType type = network instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().getDataType()
                : ((ComputationGraph) network).getConfiguration().getDataType();
        INDArray x = nhwc.castTo(type);
        INDArray converted = NetworkLayout.toNetwork(x, input.format());
        return converted == x ? x.dup('c') : converted; // the network must not see a view of the caller's array
    }

    private INDArray[] forward(INDArray x) {
        INDArray[] out = new INDArray[taps.size()];
        synchronized (network) {
            if (network instanceof MultiLayerNetwork net) {
                int deepest = taps.stream().mapToInt(LayerTap::layerIndex).max().orElseThrow();
                // Inference mode (train = false): dropout is off, batch norm uses its running statistics.
                List<INDArray> acts = net.feedForwardToLayer(deepest, x, false);
                for (int k = 0; k < taps.size(); k++) {
                    out[k] = acts.get(taps.get(k).layerIndex() + 1);
                }
            } else {
                ComputationGraph graph = (ComputationGraph) network;
                // ComputationGraph.output(List<String>, ...) fails in DL4J 1.0.0-M2.1 (null workspace manager), so
                // run feedForward up to the first layer at or after the deepest selected vertex.
                Map<String, INDArray> acts = stopLayer < 0 ? graph.feedForward(new INDArray[] {x}, false)
                        : graph.feedForward(new INDArray[] {x}, stopLayer, false);
                for (int k = 0; k < taps.size(); k++) {
                    out[k] = acts.get(taps.get(k).vertexName());
                }
            }
        }
        return out;
    }

    private static INDArray toKerasLayout(INDArray activation, LayerTap tap) {
        INDArray a = NetworkLayout.toNhwc(activation, tap.format());
        if (tap.flatten() && a.rank() == 4) {
            // Keras Flatten on channels_last data: row, then column, then channel.
            a = a.dup('c').reshape('c', new long[] {a.size(0), a.size(1) * a.size(2) * a.size(3)});
        }
        if (a.rank() != 4 && a.rank() != 2) {
            throw new IllegalStateException("layer '" + tap.name() + "' produced activations of shape "
                    + Arrays.toString(a.shape()) + "; only image-shaped (rank 4) and flat (rank 2) layers can be "
                    + "extracted");
        }
        return a.castTo(DataType.FLOAT).dup('c');
    }
}
