package io.github.convscope.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * Keras {@code GlobalAveragePooling2D}: the mean of each channel over height and width, giving a vector of channels.
 *
 * <pre>{@code
 * .add(GlobalAveragePooling2D.of()).add(Dense.of(2).activation(Activation.SOFTMAX))
 * }</pre>
 */
public record GlobalAveragePooling2D() implements LayerSpec {

    /** The global average pooling layer. */
    public static GlobalAveragePooling2D of() {
        return new GlobalAveragePooling2D();
    }

    @Override
    public int[] outputShape(int[] input) {
        LayerRules.requireSpatial("GlobalAveragePooling2D", input);
        return new int[] {input[2]};
    }

    @Override
    public long params(int[] input) {
        return 0;
    }

    @Override
    public Layer toDl4j(int[] input, CNN2DFormat format) {
        int[] spatialAxes = format == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3};
        return new GlobalPoolingLayer.Builder(PoolingType.AVG).poolingDimensions(spatialAxes).collapseDimensions(true)
                .build();
    }

    /** {@code GlobalAveragePooling2D{type=GlobalAveragePooling2D}}. */
    @Override
    public String toString() {
        return kerasType() + settings();
    }
}
