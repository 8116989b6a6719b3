package io.github.convscope.explain;

import io.github.convscope.backend.NativeMemory;
import io.github.convscope.inspect.LayerTap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One inference-mode forward pass of a {@code MultiLayerNetwork} or {@code ComputationGraph} and backward passes over
 * it with DL4J's own layer backprop ({@code Layer.backpropGradient}, pre-processor and vertex backprop), seeded with
 * the gradient of a class logit or of a layer's activation.
 *
 * <p>DL4J's network-level gradient calls run their forward pass in training mode (dropout on, batch statistics in
 * batch normalization) and start from the loss, so the chain is driven here, layer by layer, on the activations of
 * an inference pass: dropout is the identity and batch normalization the affine map of its running statistics, as in
 * Keras's and PyTorch's evaluation mode. Layer parameter gradients are written into the network's gradient view as a
 * side effect and are not used.
 */
final class GradientPass {
    private static final String INPUT = "\u0000input";

    /** A step of the network: a layer (with the pre-processor DL4J applies before it) or another graph vertex. */
    private record Node(String name, List<String> inputs, Layer layer, InputPreProcessor pre, GraphVertex vertex) {
    }

    private final Model network;
    private final List<Node> nodes;
    private final String inputName;
    private final Map<String, INDArray> acts;
    private final long batch;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    /** The gradients the backward passes made, for {@link #release()}. */
    private final List<INDArray> produced = new ArrayList<>();

    private GradientPass(Model network, List<Node> nodes, String inputName, Map<String, INDArray> acts, long batch) {
        this.network = network;
        this.nodes = nodes;
        this.inputName = inputName;
        this.acts = acts;
        this.batch = batch;
    }

    /**
     * Runs the forward pass in inference mode. Callers hold the network's monitor for the life of the pass.
     *
     * @param network the network
     * @param x       a batch in the network's own layout and data type
     */
    static GradientPass forward(Model network, INDArray x) {
        if (network instanceof MultiLayerNetwork net) {
            if (net.getGradientsViewArray() == null) {
                net.initGradientsView();
            }
            List<INDArray> list = net.feedForward(x, false);
            Map<String, INDArray> acts = new HashMap<>();
            acts.put(INPUT, x);
            List<Node> nodes = new ArrayList<>();
            Layer[] layers = net.getLayers();
            for (int i = 0; i < layers.length; i++) {
                String name = Integer.toString(i);
                nodes.add(new Node(name, List.of(i == 0 ? INPUT : Integer.toString(i - 1)), layers[i],
                        net.getLayerWiseConfigurations().getInputPreProcess(i), null));
                acts.put(name, list.get(i + 1));
            }
            return new GradientPass(network, nodes, INPUT, acts, x.size(0));
        }
        ComputationGraph graph = (ComputationGraph) network;
        if (graph.getGradientsViewArray() == null) {
            graph.initGradientsView();
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        Map<String, INDArray> acts = new HashMap<>(graph.feedForward(new INDArray[] {x}, false));
        acts.put(input, x);
        List<Node> nodes = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[idx];
            if (v.isInputVertex()) {
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(v.getVertexName());
            if (v instanceof LayerVertex lv) {
                nodes.add(new Node(v.getVertexName(), inputs, lv.getLayer(), lv.getLayerPreProcessor(), null));
            } else {
                nodes.add(new Node(v.getVertexName(), inputs, null, null, v));
            }
        }
        return new GradientPass(network, nodes, input, acts, x.size(0));
    }

    /** The name of the node a tap reads its activation from. */
    static String nodeOf(LayerTap tap) {
        return tap.vertexName() != null ? tap.vertexName() : Integer.toString(tap.layerIndex());
    }

    /** The activation of a node (network layout). */
    INDArray activation(String node) {
        return acts.get(node);
    }

    /** The network's output (probabilities), [n, K]. */
    INDArray output() {
        return acts.get(nodes.get(nodes.size() - 1).name());
    }

    /** What a backward pass found: the gradient at the input and, when asked, at one node's output. */
    record Gradients(INDArray input, INDArray captured) {
    }

    /**
     * Backpropagates the gradient of the pre-activation output (the logits) weighted by {@code selector}: row i holds
     * d(score_i)/d(logit_i), for example a one-hot row for a softmax class or +-1 for one sigmoid unit.
     *
     * @param selector [n, nOut], network data type
     * @param capture  node whose output gradient to keep, or null
     * @param stop     whether to stop at the captured node (no input gradient then)
     */
    Gradients fromLogits(INDArray selector, String capture, boolean stop) {
        Node out = nodes.get(nodes.size() - 1);
        if (out.layer == null) {
            throw new IllegalArgumentException("the network ends in vertex '" + out.name + "', not a layer; class "
                    + "scores can only be traced back from an output or dense layer");
        }
        org.deeplearning4j.nn.conf.layers.Layer conf = out.layer.conf().getLayer();
        INDArray eps;
        if (conf instanceof BaseOutputLayer || conf instanceof DenseLayer) {
            // logit = x W + b, so d(score)/dx = selector W^T
            INDArray w = out.layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            eps = selector.castTo(w.dataType()).mmul(w.transpose());
        } else if (conf instanceof LossLayer || conf instanceof ActivationLayer) {
            eps = selector.dup();
        } else {
            throw new IllegalArgumentException("the output layer '" + out.name + "' is a "
                    + conf.getClass().getSimpleName() + "; class scores can only be traced back from an output, "
                    + "dense, loss or activation layer");
        }
        if (out.pre != null) {
            eps = out.pre.backprop(eps, (int) batch, mgr);
        }
        Map<String, INDArray> pending = new HashMap<>();
        pending.put(out.inputs.get(0), eps);
        return backward(pending, nodes.size() - 2, capture, stop);
    }

    /**
     * Backpropagates a gradient given at a node's output.
     *
     * @param node    the node
     * @param epsilon d(score)/d(node output), network layout
     */
    Gradients fromNode(String node, INDArray epsilon) {
        int k = indexOf(node);
        Map<String, INDArray> pending = new HashMap<>();
        pending.put(node, epsilon);
        return backward(pending, k, null, false);
    }

    private Gradients backward(Map<String, INDArray> pending, int from, String capture, boolean stop) {
        INDArray captured = null;
        for (int k = from; k >= 0; k--) {
            Node node = nodes.get(k);
            INDArray eps = pending.remove(node.name);
            if (eps == null) {
                continue;
            }
            if (node.name.equals(capture)) {
                captured = eps;
                if (stop) {
                    return new Gradients(null, captured);
                }
            }
            if (node.layer != null) {
                INDArray in = acts.get(node.inputs.get(0));
                if (node.pre != null) {
                    in = node.pre.preProcess(in, (int) batch, mgr);
                }
                INDArray e = layerBackprop(node.layer, in, eps);
                produced.add(e);
                if (node.pre != null) {
                    e = node.pre.backprop(e, (int) batch, mgr);
                    produced.add(e);
                }
                accumulate(pending, node.inputs.get(0), e);
            } else {
                INDArray[] ins = node.inputs.stream().map(acts::get).toArray(INDArray[]::new);
                node.vertex.setInputs(ins);
                node.vertex.setEpsilon(eps);
                INDArray[] es = node.vertex.doBackward(false, mgr).getSecond();
                for (int i = 0; i < es.length; i++) {
                    produced.add(es[i]);
                    accumulate(pending, node.inputs.get(i), es[i]);
                }
            }
        }
        INDArray input = pending.get(inputName);
        if (input == null) {
            throw new IllegalStateException("no gradient reached the network input");
        }
        return new Gradients(input, captured);
    }

    /** d(score)/d(layer input) from d(score)/d(layer output), the layer run in inference mode. */
    private INDArray layerBackprop(Layer layer, INDArray in, INDArray eps) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof DropoutLayer) {
            return eps;
        }
        if (conf instanceof BatchNormalization bn) {
            return batchNormBackprop(layer, bn, eps);
        }
        layer.setInput(in, mgr);
        IDropout dropout = conf.getIDropout();
        // Inference: a layer's input dropout is the identity; DL4J's backprop would ask for a training mask.
        conf.setIDropout(null);
        try {
            return layer.backpropGradient(eps, mgr).getSecond();
        } finally {
            conf.setIDropout(dropout);
        }
    }

    /** Batch normalization in inference: y = gamma (x - mean) / sqrt(var + eps) + beta, per channel. */
    private static INDArray batchNormBackprop(Layer layer, BatchNormalization bn, INDArray eps) {
        INDArray std;
        if (bn.isUseLogStd()) {
            std = Transforms.pow(Nd4j.valueArrayOf(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)
                    .shape(), 10.0, eps.dataType()), layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)
                    .castTo(eps.dataType()), false);
            std = Transforms.sqrt(std.mul(std).addi(bn.getEps()), false);
        } else {
            std = Transforms.sqrt(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR)
                    .castTo(eps.dataType()).add(bn.getEps()), false);
        }
        INDArray gamma = bn.isLockGammaBeta()
                ? Nd4j.valueArrayOf(std.shape(), bn.getGamma(), eps.dataType())
                : layer.getParam(BatchNormalizationParamInitializer.GAMMA).castTo(eps.dataType());
        INDArray scale = gamma.div(std).reshape(-1);
        int channelAxis = eps.rank() == 2 || bn.getCnn2DFormat() == CNN2DFormat.NCHW ? 1 : 3;
        INDArray out = eps.ulike();
        Nd4j.getExecutioner().exec(new BroadcastMulOp(eps, scale, out, channelAxis));
        return out;
    }

    private void accumulate(Map<String, INDArray> pending, String name, INDArray e) {
        if (e == null) {
            return;
        }
        INDArray prior = pending.get(name);
        INDArray sum = prior == null ? e : prior.add(e);
        produced.add(sum);
        pending.put(name, sum);
    }

    private int indexOf(String node) {
        for (int k = 0; k < nodes.size(); k++) {
            if (nodes.get(k).name.equals(node)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no node " + node);
    }

    /** Drops the inputs this pass left in the network's layers. */
    void clear() {
        if (network instanceof MultiLayerNetwork net) {
            net.clearLayersStates();
        } else {
            ((ComputationGraph) network).clearLayersStates();
        }
    }

    /**
     * Drops the inputs this pass left in the network's layers and frees the native memory of every activation and
     * gradient it made, at once: ND4J would free them only when the garbage collector reclaims their small Java
     * objects, and a Grad-CAM pass over a batch of 128 150x150 images makes about 1 GB of them. Whatever the caller
     * keeps must be a copy taken before; the input batch (and anything sharing its memory) is never freed.
     */
    void release() {
        clear();
        INDArray x = acts.get(inputName);
        List<INDArray> all = new ArrayList<>(acts.values());
        all.addAll(produced);
        acts.clear();
        produced.clear();
        for (INDArray a : all) {
            if (a != null && a != x && !a.wasClosed() && !sameMemory(a, x)) {
                NativeMemory.free(a);
            }
        }
    }

    private static boolean sameMemory(INDArray a, INDArray b) {
        return b != null && root(a.data()) == root(b.data());
    }

    private static org.nd4j.linalg.api.buffer.DataBuffer root(org.nd4j.linalg.api.buffer.DataBuffer buffer) {
        org.nd4j.linalg.api.buffer.DataBuffer original = buffer.originalDataBuffer();
        return original != null ? original : buffer;
    }

    /** The data type of the network's parameters. */
    static DataType dataType(Model network) {
        return network instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().getDataType()
                : ((ComputationGraph) network).getConfiguration().getDataType();
    }
}
