package io.github.convscope.model;

import java.util.LinkedHashMap;
import java.util.Map;
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
public final class GlobalAveragePooling2D extends LayerSpec {
    private static final GlobalAveragePooling2D INSTANCE = new GlobalAveragePooling2D();

    private GlobalAveragePooling2D() {
    }

    /** The global average pooling layer. */
    public static GlobalAveragePooling2D of() {
        return INSTANCE;
    }

    @Override
    public String kerasType() {
        return "GlobalAveragePooling2D";
    }

    @Override
    String namePrefix() {
        return "global_average_pooling2d";
    }

    @Override
    int[] outputShape(int[] input) {
        requireSpatial("GlobalAveragePooling2D", input);
        return new int[] {input[2]};
    }

    @Override
    long params(int[] input) {
        return 0;
    }

    @Override
    Layer toDl4j(int[] input, CNN2DFormat format) {
        int[] spatialAxes = format == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3};
        return new GlobalPoolingLayer.Builder(PoolingType.AVG).poolingDimensions(spatialAxes).collapseDimensions(true)
                .build();
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("type", kerasType());
        return s;
    }
}
