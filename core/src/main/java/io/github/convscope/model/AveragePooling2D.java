package io.github.convscope.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * Keras {@code AveragePooling2D}: the mean (padding excluded from the divisor, as in Keras) over each window; pool size 2x2, strides equal to the pool size and
 * {@code valid} padding (the output size is floored) unless set otherwise.
 *
 * <pre>{@code
 * AveragePooling2D.of()            // 2x2, stride 2: 75x75 becomes 37x37
 * }</pre>
 */
public final class AveragePooling2D extends LayerSpec {
    private final PoolWindow window;

    private AveragePooling2D(PoolWindow window) {
        this.window = window;
    }

    /** A 2x2 pooling with stride 2 (Keras's defaults). */
    public static AveragePooling2D of() {
        return of(2);
    }

    /** A square pooling window; the strides follow the pool size. */
    public static AveragePooling2D of(int poolSize) {
        return of(poolSize, poolSize);
    }

    /** A {@code poolHeight} x {@code poolWidth} window; the strides follow the pool size. */
    public static AveragePooling2D of(int poolHeight, int poolWidth) {
        return new AveragePooling2D(PoolWindow.of(poolHeight, poolWidth));
    }

    /** A copy with the same stride along both axes. */
    public AveragePooling2D strides(int stride) {
        return strides(stride, stride);
    }

    /** A copy with the given strides along height and width. */
    public AveragePooling2D strides(int strideHeight, int strideWidth) {
        return new AveragePooling2D(new PoolWindow(window.poolH(), window.poolW(), strideHeight, strideWidth,
                window.padding()));
    }

    /** A copy with the given padding. */
    public AveragePooling2D padding(Padding padding) {
        return new AveragePooling2D(new PoolWindow(window.poolH(), window.poolW(), window.strideH(), window.strideW(),
                padding));
    }

    /** The padding mode. */
    public Padding padding() {
        return window.padding();
    }

    @Override
    public String kerasType() {
        return "AveragePooling2D";
    }

    @Override
    String namePrefix() {
        return "average_pooling2d";
    }

    @Override
    int[] outputShape(int[] input) {
        return window.outputShape(kerasType(), input);
    }

    @Override
    long params(int[] input) {
        return 0;
    }

    @Override
    Layer toDl4j(int[] input, CNN2DFormat format) {
        return window.toDl4j(PoolingType.AVG, format);
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("type", kerasType());
        window.describe(s);
        return s;
    }
}
