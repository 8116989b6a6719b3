package io.github.convscope.inspect;

import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * One extractable layer: its public name and type, where its activation comes from in the DL4J network, and how
 * that activation is laid out. Listed by {@link NetworkCatalog#taps()}.
 *
 * @param name public name (Keras naming when the model has one, else the DL4J layer name)
 * @param type public type (Keras class name when known, else the DL4J configuration class name)
 * @param order position in forward order; the deepest requested tap decides where the forward pass stops
 * @param layerIndex index of the source layer in a {@code MultiLayerNetwork}, -1 in a graph
 * @param vertexName name of the source vertex in a {@code ComputationGraph}, null in a {@code MultiLayerNetwork}
 * @param format layout of the source activation when it is image-shaped, null when it is flat
 * @param flatten whether this tap is Keras's {@code Flatten} of the source activation
 * @param convolution whether the layer is a 2D convolution (where the lecture's default selection starts)
 */
public record LayerTap(String name, String type, int order, int layerIndex, String vertexName, CNN2DFormat format,
        boolean flatten, boolean convolution) {

    /**
     * Whether the tap's activation is image-shaped.
     *
     * @return true for a rank-4 activation that is not flattened
     */
    public boolean spatial() {
        return format != null && !flatten;
    }
}
