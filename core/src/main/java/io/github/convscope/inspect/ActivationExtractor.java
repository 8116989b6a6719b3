package io.github.convscope.inspect;

import io.github.convscope.model.LayerInfo;
import io.github.convscope.model.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Builds an {@link ActivationModel} that returns the activations of chosen layers of a trained network, as the
 * lecture's {@code Model(inputs=model.input, outputs=successive_outputs)}.
 *
 * <pre>{@code
 * ActivationModel all = ActivationExtractor.of(network).build();               // conv .. last pooling/dropout
 * ActivationModel two = ActivationExtractor.of(network).layers("conv2d", "max_pooling2d").build();
 * }</pre>
 *
 * <p>Selection (the last call wins): the lecture's default, every layer from the first 2D convolution up to the
 * flatten (convolutions, poolings, dropouts and other image-shaped layers); {@link Builder#layers(String...) by
 * name}; {@link Builder#layerTypes(String...) by type}; or {@link Builder#allLayers() all}.
 */
public final class ActivationExtractor {
    /** Images per forward pass unless set otherwise; Keras's {@code predict} batch size. */
    public static final int DEFAULT_CHUNK_SIZE = 32;

    private ActivationExtractor() {
    }

    /**
     * Extracts from a {@link Sequential} under Keras's layer names ({@code conv2d}, {@code max_pooling2d_1},
     * {@code flatten}, ...); its input shape is checked on every {@code predict}.
     */
    public static Builder of(Sequential model) {
        int[] shape = model.inputShape();
        return of(model.network(), model.layers()).inputShape(shape[0], shape[1], shape[2]);
    }

    /** Extracts from a {@code MultiLayerNetwork}, naming layers by their DL4J names ({@code layer<i>} if unnamed). */
    public static Builder of(MultiLayerNetwork network) {
        return new Builder(network, NetworkCatalog.of(network));
    }

    /**
     * Extracts from a {@code MultiLayerNetwork} described as Keras layers (names such as {@code conv2d_1}, types such
     * as {@code MaxPooling2D}); each {@link LayerInfo#networkIndex()} says which DL4J layer produces that output.
     */
    public static Builder of(MultiLayerNetwork network, List<LayerInfo> layers) {
        return new Builder(network, NetworkCatalog.of(network, layers));
    }

    /** Extracts from a single-input {@code ComputationGraph}; layers are its vertices, named as in the graph. */
    public static Builder of(ComputationGraph graph) {
        return new Builder(graph, NetworkCatalog.of(graph));
    }

    /** Chooses layers and settings; validated at {@link #build()}. */
    public static final class Builder {
        private enum Mode { LECTURE, ALL, NAMES, TYPES }

        private final Model network;
        private final NetworkCatalog catalog;
        private Mode mode = Mode.LECTURE;
        private List<String> selection = List.of();
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int[] inputShape;

        private Builder(Model network, NetworkCatalog catalog) {
            this.network = network;
            this.catalog = catalog;
        }

        /** Selects the lecture's layers: from the first 2D convolution through every image-shaped layer after it. */
        public Builder lectureLayers() {
            mode = Mode.LECTURE;
            return this;
        }

        /** Selects every layer of the network. */
        public Builder allLayers() {
            mode = Mode.ALL;
            return this;
        }

        /** Selects layers by name, returned in the given order; see {@link #availableLayers()}. */
        public Builder layers(String... names) {
            return layers(Arrays.asList(names));
        }

        /** Selects layers by name, returned in the given order; see {@link #availableLayers()}. */
        public Builder layers(List<String> names) {
            mode = Mode.NAMES;
            selection = List.copyOf(names);
            return this;
        }

        /** Selects every layer of the given types ({@code Conv2D}, or DL4J's {@code ConvolutionLayer} for raw networks). */
        public Builder layerTypes(String... types) {
            mode = Mode.TYPES;
            selection = List.of(types);
            return this;
        }

        /** Images per forward pass (default {@value #DEFAULT_CHUNK_SIZE}); bounds the memory one pass needs. */
        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /** The image size the network was built for, checked on every {@code predict} (optional). */
        public Builder inputShape(int height, int width, int channels) {
            this.inputShape = new int[] {height, width, channels};
            return this;
        }

        /** The names of all layers that can be selected, in forward order. */
        public List<String> availableLayers() {
            return catalog.taps().stream().map(LayerTap::name).toList();
        }

        /** Checks the settings and builds the activation model. */
        public ActivationModel build() {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
            }
            InputSpec input = catalog.input();
            if (inputShape != null) {
                if (Arrays.stream(inputShape).anyMatch(v -> v < 1)) {
                    throw new IllegalArgumentException("inputShape must be positive (height, width, channels), got "
                            + Arrays.toString(inputShape));
                }
                if (input.channels() > 0 && input.channels() != inputShape[2]) {
                    throw new IllegalArgumentException("inputShape has " + inputShape[2] + " channels but the network "
                            + "takes " + input.channels());
                }
                input = input.withShape(inputShape[0], inputShape[1], inputShape[2]);
            }
            return new ActivationModel(network, select(), input, chunkSize);
        }

        private List<LayerTap> select() {
            List<LayerTap> taps = catalog.taps();
            switch (mode) {
                case ALL:
                    return taps;
                case NAMES:
                    return byName(taps);
                case TYPES:
                    return byType(taps);
                default:
                    return lecture(taps);
            }
        }

        private List<LayerTap> byName(List<LayerTap> taps) {
            if (selection.isEmpty()) {
                throw new IllegalArgumentException("layers: give at least one layer name; available: "
                        + availableLayers());
            }
            Map<String, LayerTap> byName = taps.stream().collect(Collectors.toMap(LayerTap::name, Function.identity()));
            List<LayerTap> chosen = new ArrayList<>();
            for (String name : selection) {
                LayerTap tap = byName.get(name);
                if (tap == null) {
                    throw new IllegalArgumentException("layers: no layer named '" + name + "'; available: "
                            + availableLayers());
                }
                chosen.add(tap);
            }
            return chosen;
        }

        private List<LayerTap> byType(List<LayerTap> taps) {
            Set<String> known = taps.stream().map(LayerTap::type).collect(Collectors.toCollection(LinkedHashSet::new));
            if (selection.isEmpty() || !known.containsAll(selection)) {
                List<String> unknown = selection.stream().filter(t -> !known.contains(t)).toList();
                throw new IllegalArgumentException("layerTypes: no layer of type " + unknown + "; types in this "
                        + "network: " + known);
            }
            return taps.stream().filter(t -> selection.contains(t.type())).toList();
        }

        private static List<LayerTap> lecture(List<LayerTap> taps) {
            List<LayerTap> chosen = new ArrayList<>();
            for (LayerTap tap : taps) {
                if (chosen.isEmpty() && !tap.convolution()) {
                    continue;
                }
                if (!tap.spatial()) {
                    break;
                }
                chosen.add(tap);
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("the network has no 2D convolution to start the default selection "
                        + "at; select layers by name or type, or use allLayers(); layers: "
                        + taps.stream().map(t -> t.name() + " (" + t.type() + ")").toList());
            }
            return chosen;
        }
    }
}
