package io.github.convscope.explain;

import io.github.convscope.model.Activation;
import io.github.convscope.model.BatchNormalization;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Dropout;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The two tiny CNNs of generate_explain.py as a hand-built MultiLayerNetwork, a ComputationGraph and a Sequential,
 * in either layout, with the script's weights loaded.
 */
final class TinyExplainNets {
    static final int H = 10;
    static final int W = 9;
    static final int C = 3;

    private TinyExplainNets() {
    }

    /** The kinds of network under test. */
    enum Kind { MULTI_LAYER, GRAPH, SEQUENTIAL }

    /** A built network, its explainer, the names of its two convolutions and the layout it got. */
    record Built(Explainer explainer, String conv1, String conv2, CNN2DFormat format) {
    }

    static Built build(Kind kind, CNN2DFormat format, String head, ReferenceArrays ref) {
        boolean softmax = head.equals("softmax");
        int units = softmax ? 3 : 1;
        switch (kind) {
            case MULTI_LAYER -> {
                NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1)
                        .dataType(DataType.FLOAT).list();
                for (org.deeplearning4j.nn.conf.layers.Layer l : layers(format, softmax, units)) {
                    b.layer(l);
                }
                MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutional(H, W, C, format))
                        .build());
                net.init();
                List<InputPreProcessor> pres = new ArrayList<>();
                for (int i = 0; i < net.getLayers().length; i++) {
                    pres.add(net.getLayerWiseConfigurations().getInputPreProcess(i));
                }
                load(net.getLayers(), pres, head, softmax, ref);
                return new Built(Explainer.of(net), "conv1", "conv2", format);
            }
            case GRAPH -> {
                ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1)
                        .dataType(DataType.FLOAT).graphBuilder().addInputs("in");
                String previous = "in";
                for (org.deeplearning4j.nn.conf.layers.Layer l : layers(format, softmax, units)) {
                    g.addLayer(l.getLayerName(), l, previous);
                    previous = l.getLayerName();
                }
                ComputationGraph graph = new ComputationGraph(g.setOutputs(previous)
                        .setInputTypes(InputType.convolutional(H, W, C, format)).build());
                graph.init();
                List<InputPreProcessor> pres = new ArrayList<>();
                for (Layer l : graph.getLayers()) {
                    LayerVertex v = (LayerVertex) graph.getConfiguration().getVertices()
                            .get(l.conf().getLayer().getLayerName());
                    pres.add(v.getPreProcessor());
                }
                load(graph.getLayers(), pres, head, softmax, ref);
                return new Built(Explainer.of(graph), "conv1", "conv2", format);
            }
            default -> {
                Sequential.Builder s = Sequential.builder().inputShape(H, W, C).seed(1).dataFormat(format)
                        .add(Conv2D.of(4, 3).activation(Activation.RELU))
                        .add(MaxPooling2D.of())
                        .add(Conv2D.of(5, 3).padding(Padding.SAME).activation(Activation.RELU));
                if (softmax) {
                    s.add(BatchNormalization.of());
                }
                Sequential model = s.add(Dropout.of(0.5)).add(Flatten.of()).add(Dense.of(6)
                                .activation(Activation.RELU))
                        .add(Dense.of(units).activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID))
                        .compile(Optimizer.adam(), softmax ? Loss.CATEGORICAL_CROSSENTROPY
                                : Loss.BINARY_CROSSENTROPY).build();
                MultiLayerNetwork net = model.network();
                List<InputPreProcessor> pres = new ArrayList<>();
                for (int i = 0; i < net.getLayers().length; i++) {
                    pres.add(net.getLayerWiseConfigurations().getInputPreProcess(i));
                }
                load(net.getLayers(), pres, head, softmax, ref);
                return new Built(Explainer.of(model), "conv2d", "conv2d_1", model.dataFormat());
            }
        }
    }

    private static List<org.deeplearning4j.nn.conf.layers.Layer> layers(CNN2DFormat format, boolean bn, int units) {
        List<org.deeplearning4j.nn.conf.layers.Layer> l = new ArrayList<>();
        l.add(new ConvolutionLayer.Builder(3, 3).name("conv1").nIn(C).nOut(4).dataFormat(format)
                .convolutionMode(ConvolutionMode.Truncate).activation(org.nd4j.linalg.activations.Activation.RELU)
                .build());
        l.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool").kernelSize(2, 2)
                .stride(2, 2).dataFormat(format).build());
        l.add(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(5).dataFormat(format)
                .convolutionMode(ConvolutionMode.Same).activation(org.nd4j.linalg.activations.Activation.RELU)
                .build());
        if (bn) {
            l.add(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().name("bn").eps(1e-3)
                    .dataFormat(format).build());
        }
        l.add(new DropoutLayer.Builder(0.5).name("dropout").build());
        l.add(new DenseLayer.Builder().name("dense").nOut(6).activation(org.nd4j.linalg.activations.Activation.RELU)
                .build());
        l.add(new OutputLayer.Builder(units == 1 ? LossFunctions.LossFunction.XENT : LossFunctions.LossFunction.MCXENT)
                .name("out").nOut(units).activation(units == 1 ? org.nd4j.linalg.activations.Activation.SIGMOID
                        : org.nd4j.linalg.activations.Activation.SOFTMAX).build());
        return l;
    }

    /** Loads the script's weights into the layers with parameters, in order: conv1, conv2, (bn), dense, out. */
    private static void load(Layer[] layers, List<InputPreProcessor> pres, String head, boolean bn,
                             ReferenceArrays ref) {
        List<String> order = new ArrayList<>(List.of("conv1", "conv2"));
        if (bn) {
            order.add("bn");
        }
        order.add("dense");
        order.add("out");
        int k = 0;
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            if (layer.numParams() == 0) {
                continue;
            }
            String p = head + "_" + order.get(k++);
            if (p.endsWith("_bn")) {
                set(layer, "gamma", ref.get(head + "_bn_gamma"));
                set(layer, "beta", ref.get(head + "_bn_beta"));
                set(layer, "mean", ref.get(head + "_bn_mean"));
                INDArray var = ref.get(head + "_bn_var");
                if (layer.paramTable().containsKey("log10stdev")) {
                    // DL4J keeps log10 of the standard deviation: var = (10^v)^2
                    set(layer, "log10stdev", Transforms.log(Transforms.sqrt(var, true), 10.0, false));
                } else {
                    set(layer, "var", var);
                }
                continue;
            }
            INDArray w = ref.get(p + "_w");
            if (w.rank() == 2) {
                w = w.transpose();   // torch [out, in] -> DL4J [in, out]
                if (pres.get(i) instanceof CnnToFeedForwardPreProcessor flat && flat.getFormat() == CNN2DFormat.NHWC) {
                    // torch flattens (c, h, w); DL4J's NHWC pre-processor flattens (h, w, c)
                    long c = flat.getNumChannels();
                    long h = flat.getInputHeight();
                    long wd = flat.getInputWidth();
                    w = w.reshape('c', c, h, wd, w.size(1)).permute(1, 2, 0, 3).dup('c').reshape('c', h * wd * c,
                            w.size(1));
                }
            }
            set(layer, "W", w);
            set(layer, "b", ref.get(p + "_b"));
        }
    }

    private static void set(Layer layer, String key, INDArray value) {
        INDArray target = layer.getParam(key);
        target.assign(value.castTo(target.dataType()).reshape('c', target.shape()));
    }
}
