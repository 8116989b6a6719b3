package io.github.convscope.model;

import io.github.convscope.backend.NativeAcceleration;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A 2-D convolution, Keras {@code Conv2D}: {@code filters} kernels of {@code kernel} size, stride 1, {@code valid}
 * padding, linear activation, bias, Glorot-uniform weights and zero biases unless set otherwise.
 *
 * <pre>{@code
 * Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU)
 * }</pre>
 *
 * @param filters number of output channels, at least 1
 * @param kernelHeight height of the kernel window, at least 1
 * @param kernelWidth width of the kernel window, at least 1
 * @param strideHeight stride along the height, at least 1
 * @param strideWidth stride along the width, at least 1
 * @param padding the padding mode
 * @param activation the activation applied to the output
 * @param useBias whether the layer adds a bias per filter
 */
public record Conv2D(int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
        Padding padding, Activation activation, boolean useBias) implements LayerSpec {

    /** Checks every setting, naming the one out of range. */
    public Conv2D {
        check("filters", filters);
        check("kernel height", kernelHeight);
        check("kernel width", kernelWidth);
        check("stride height", strideHeight);
        check("stride width", strideWidth);
        if (padding == null || activation == null) {
            throw new IllegalArgumentException("padding and activation must not be null");
        }
    }

    private static void check(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Conv2D " + name + " must be >= 1, got " + value);
        }
    }

    /** A convolution with {@code filters} output channels and a square {@code kernel} x {@code kernel} window. */
    public static Conv2D of(int filters, int kernel) {
        return of(filters, kernel, kernel);
    }

    /** A convolution with a {@code kernelHeight} x {@code kernelWidth} window. */
    public static Conv2D of(int filters, int kernelHeight, int kernelWidth) {
        return new Conv2D(filters, kernelHeight, kernelWidth, 1, 1, Padding.VALID, Activation.LINEAR, true);
    }

    static Conv2D fromSettings(LayerSettings s) {
        int[] kernel = s.pair("kernel");
        int[] strides = s.pair("strides");
        return new Conv2D(s.integer("filters"), kernel[0], kernel[1], strides[0], strides[1],
                s.constant("padding", Padding.class), s.constant("activation", Activation.class), s.bool("useBias"));
    }

    /** A copy with the same stride along both axes. */
    public Conv2D strides(int stride) {
        return strides(stride, stride);
    }

    /** A copy with the given strides along height and width. */
    public Conv2D strides(int newStrideHeight, int newStrideWidth) {
        return new Conv2D(filters, kernelHeight, kernelWidth, newStrideHeight, newStrideWidth, padding, activation,
                useBias);
    }

    /** A copy with the given padding. */
    public Conv2D padding(Padding newPadding) {
        return new Conv2D(filters, kernelHeight, kernelWidth, strideHeight, strideWidth, newPadding, activation,
                useBias);
    }

    /** A copy with the given activation. */
    public Conv2D activation(Activation newActivation) {
        return new Conv2D(filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding, newActivation,
                useBias);
    }

    /** A copy with or without a bias term. */
    public Conv2D useBias(boolean bias) {
        return new Conv2D(filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding, activation, bias);
    }

    @Override
    public int[] outputShape(int[] input) {
        LayerRules.requireSpatial("Conv2D", input);
        int h = padding.outputLength(input[0], kernelHeight, strideHeight);
        int w = padding.outputLength(input[1], kernelWidth, strideWidth);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("Conv2D kernel " + kernelHeight + "x" + kernelWidth
                    + " does not fit its input " + input[0] + "x" + input[1]
                    + " with valid padding: use Padding.SAME or a larger input");
        }
        return new int[] {h, w, filters};
    }

    @Override
    public long params(int[] input) {
        return (long) kernelHeight * kernelWidth * input[2] * filters + (useBias ? filters : 0);
    }

    @Override
    public Layer toDl4j(int[] input, CNN2DFormat format) {
        long area = (long) kernelHeight * kernelWidth;
        // libnd4j's conv2d operations on the fast path, DL4J's plain layer otherwise: same parameters and settings
        return NativeAcceleration.convolution(new ConvolutionLayer.Builder(kernelHeight, kernelWidth)
                .stride(strideHeight, strideWidth)
                .nIn(input[2])
                .nOut(filters)
                .convolutionMode(padding.toDl4j())
                .activation(activation.toDl4j())
                .hasBias(useBias)
                .weightInit(LayerRules.glorotUniform(area * input[2], area * filters))
                .biasInit(0.0)
                .dataFormat(format));
    }

    @Override
    public Map<String, String> settings() {
        return LayerSettings.of(this).put("filters", filters).pair("kernel", kernelHeight, kernelWidth)
                .pair("strides", strideHeight, strideWidth).put("padding", padding).put("activation", activation)
                .put("useBias", useBias).toMap();
    }

    /** The Keras type and its settings, e.g. {@code Conv2D{type=Conv2D, filters=16, ...}}. */
    @Override
    public String toString() {
        return kerasType() + settings();
    }
}
