package io.github.convscope.inspect;

import io.github.convscope.backend.ImageLayouts;
import io.github.convscope.model.LayerInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The extractable layers of a network and the images it takes, read from its configuration; shared by the activation
 * extractor and the explain package (which backpropagates to the same layers).
 *
 * <pre>{@code
 * NetworkCatalog catalog = NetworkCatalog.of(model.network(), model.layers());
 * LayerTap lastConv = catalog.taps().stream().filter(LayerTap::convolution).reduce((a, b) -> b).orElseThrow();
 * }</pre>
 *
 * @param taps every layer that can be extracted, in forward order
 * @param input the images the network takes
 */
public record NetworkCatalog(List<LayerTap> taps, InputSpec input) {

    /**
     * The layers of a {@code MultiLayerNetwork}, named by their DL4J names (or {@code layer<i>} when unnamed).
     *
     * @param net an initialised network that takes images
     * @return its catalog
     * @throws IllegalArgumentException when the network does not start with an image layer
     */
    public static NetworkCatalog of(MultiLayerNetwork net) {
        CNN2DFormat[] formats = mlnFormats(net);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<LayerTap> taps = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < formats.length; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() == null || layer.getLayerName().isEmpty()
                    ? "layer" + i : layer.getLayerName();
            if (!used.add(name)) {
                name = name + "_" + i;
                used.add(name);
            }
            taps.add(new LayerTap(name, layer.getClass().getSimpleName(), i, i, null, formats[i], false,
                    ImageLayouts.isConvolution2D(layer)));
        }
        return new NetworkCatalog(List.copyOf(taps), mlnInput(net));
    }

    /**
     * The layers of a {@code MultiLayerNetwork} as a Keras model describes them.
     *
     * @param net    the network
     * @param layers the Keras layers, each naming the DL4J layer that produces its output
     * @return the catalog
     * @throws IllegalArgumentException when a layer points outside the network or a name appears twice
     */
    public static NetworkCatalog of(MultiLayerNetwork net, List<LayerInfo> layers) {
        CNN2DFormat[] formats = mlnFormats(net);
        List<LayerTap> taps = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int k = 0; k < layers.size(); k++) {
            LayerInfo info = layers.get(k);
            int index = info.networkIndex();
            if (index < 0 || index >= formats.length) {
                throw new IllegalArgumentException("layer '" + info.name() + "' has networkIndex " + index
                        + ", outside the network's layers [0, " + formats.length + ")");
            }
            if (!used.add(info.name())) {
                throw new IllegalArgumentException("layer name '" + info.name() + "' appears twice");
            }
            boolean flatten = info.type().equals("Flatten");
            boolean convolution = info.type().contains("Conv") && info.type().contains("2D");
            taps.add(new LayerTap(info.name(), info.type(), index, index, null, formats[index], flatten,
                    convolution));
        }
        return new NetworkCatalog(List.copyOf(taps), mlnInput(net));
    }

    /**
     * The vertices of a single-input {@code ComputationGraph} (inputs excluded), in topological order.
     *
     * @param graph an initialised graph with one image input
     * @return its catalog
     * @throws IllegalArgumentException when the graph has several inputs or no 2D image layer
     */
    public static NetworkCatalog of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("only graphs with one image input are supported; this one has inputs "
                    + conf.getNetworkInputs());
        }
        String inputName = conf.getNetworkInputs().get(0);
        Map<String, CNN2DFormat> formats = new LinkedHashMap<>();
        CNN2DFormat inputFormat = null;
        int channels = 0;
        org.deeplearning4j.nn.graph.vertex.GraphVertex[] vertices = graph.getVertices();
        List<String> order = new ArrayList<>();
        for (int idx : graph.topologicalSortOrder()) {
            order.add(vertices[idx].getVertexName());
        }
        for (String name : order) {
            if (conf.getVertices().get(name) instanceof LayerVertex lv) {
                Layer layer = lv.getLayerConf().getLayer();
                if (inputFormat == null && ImageLayouts.declaredFormat(layer) != null) {
                    inputFormat = ImageLayouts.declaredFormat(layer);
                    boolean direct = conf.getVertexInputs().get(name).equals(List.of(inputName));
                    if (direct && layer instanceof ConvolutionLayer c) {
                        channels = (int) c.getNIn();
                    }
                }
            }
        }
        if (inputFormat == null) {
            throw new IllegalArgumentException("the graph has no 2D image layer (convolution, pooling, ...); "
                    + "activations can only be extracted from networks that take images");
        }
        formats.put(inputName, inputFormat);
        List<LayerTap> taps = new ArrayList<>();
        int position = 0;
        for (String name : order) {
            if (name.equals(inputName)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(name);
            List<String> inputs = conf.getVertexInputs().get(name);
            CNN2DFormat incoming = inputs == null || inputs.isEmpty() ? null : formats.get(inputs.get(0));
            CNN2DFormat format;
            String type;
            boolean convolution = false;
            if (vertex instanceof LayerVertex lv) {
                Layer layer = lv.getLayerConf().getLayer();
                format = ImageLayouts.outputFormat(layer, incoming, lv.getPreProcessor());
                type = layer.getClass().getSimpleName();
                convolution = ImageLayouts.isConvolution2D(layer);
            } else if (vertex instanceof PreprocessorVertex pv) {
                format = ImageLayouts.afterPreProcessor(pv.getPreProcessor(), incoming);
                type = vertex.getClass().getSimpleName();
            } else {
                format = incoming;
                type = vertex.getClass().getSimpleName();
            }
            formats.put(name, format);
            taps.add(new LayerTap(name, type, position++, -1, name, format, false, convolution));
        }
        return new NetworkCatalog(List.copyOf(taps), new InputSpec(inputFormat, 0, 0, channels));
    }

    private static CNN2DFormat[] mlnFormats(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        CNN2DFormat[] formats = new CNN2DFormat[n];
        CNN2DFormat current = mlnInput(net).format();
        for (int i = 0; i < n; i++) {
            current = ImageLayouts.outputFormat(conf.getConf(i).getLayer(), current, conf.getInputPreProcess(i));
            formats[i] = current;
        }
        return formats;
    }

    /** The first image layer decides the input layout; a convolution's nIn (or a flatten's size) the input size. */
    private static InputSpec mlnInput(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre instanceof CnnToFeedForwardPreProcessor flat) {
                return new InputSpec(flat.getFormat(), (int) flat.getInputHeight(), (int) flat.getInputWidth(),
                        (int) flat.getNumChannels());
            }
            Layer layer = conf.getConf(i).getLayer();
            CNN2DFormat declared = ImageLayouts.declaredFormat(layer);
            if (declared != null) {
                int channels = i == 0 && layer instanceof ConvolutionLayer c ? (int) c.getNIn() : 0;
                return new InputSpec(declared, 0, 0, channels);
            }
            if (!ImageLayouts.preservesShape(layer)) {
                break;
            }
        }
        throw new IllegalArgumentException("the network's first layer does not take images (no 2D convolution, "
                + "pooling or flatten at the start); activations can only be extracted from networks that take images");
    }
}
