package io.github.convscope.model;

import io.github.convscope.backend.NativeAcceleration;
import java.util.LinkedHashMap;
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
 */
public final class Conv2D extends LayerSpec {
    private final int filters;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final Padding padding;
    private final Activation activation;
    private final boolean useBias;

    private Conv2D(int filters, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
            Activation activation, boolean useBias) {
        check("filters", filters);
        check("kernel height", kernelH);
        check("kernel width", kernelW);
        check("stride height", strideH);
        check("stride width", strideW);
        if (padding == null || activation == null) {
            throw new IllegalArgumentException("padding and activation must not be null");
        }
        this.filters = filters;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padding = padding;
        this.activation = activation;
        this.useBias = useBias;
    }

    private static void check(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Conv2D " + name + " must be >= 1, got " + value);
        }
    }

    /** A convolution with {@code filters} output channels and a square {@code kernel} x {@code kernel} window. */
    public static Conv2D of(int filters, int kernel) {
        return new Conv2D(filters, kernel, kernel, 1, 1, Padding.VALID, Activation.LINEAR, true);
    }

    /** A convolution with a {@code kernelHeight} x {@code kernelWidth} window. */
    public static Conv2D of(int filters, int kernelHeight, int kernelWidth) {
        return new Conv2D(filters, kernelHeight, kernelWidth, 1, 1, Padding.VALID, Activation.LINEAR, true);
    }

    /** A copy with the same stride along both axes. */
    public Conv2D strides(int stride) {
        return strides(stride, stride);
    }

    /** A copy with the given strides along height and width. */
    public Conv2D strides(int strideHeight, int strideWidth) {
        return new Conv2D(filters, kernelH, kernelW, strideHeight, strideWidth, padding, activation, useBias);
    }

    /** A copy with the given padding. */
    public Conv2D padding(Padding newPadding) {
        return new Conv2D(filters, kernelH, kernelW, strideH, strideW, newPadding, activation, useBias);
    }

    /** A copy with the given activation. */
    public Conv2D activation(Activation newActivation) {
        return new Conv2D(filters, kernelH, kernelW, strideH, strideW, padding, newActivation, useBias);
    }

    /** A copy with or without a bias term. */
    public Conv2D useBias(boolean bias) {
        return new Conv2D(filters, kernelH, kernelW, strideH, strideW, padding, activation, bias);
    }

    /** Number of output channels. */
    public int filters() {
        return filters;
    }

    /** The padding mode. */
    public Padding padding() {
        return padding;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String kerasType() {
        return "Conv2D";
    }

    @Override
    String namePrefix() {
        return "conv2d";
    }

    @Override
    int[] outputShape(int[] input) {
        requireSpatial("Conv2D", input);
        int h = padding.outputLength(input[0], kernelH, strideH);
        int w = padding.outputLength(input[1], kernelW, strideW);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("Conv2D kernel " + kernelH + "x" + kernelW + " does not fit its input "
                    + input[0] + "x" + input[1] + " with valid padding: use Padding.SAME or a larger input");
        }
        return new int[] {h, w, filters};
    }

    @Override
    long params(int[] input) {
        return (long) kernelH * kernelW * input[2] * filters + (useBias ? filters : 0);
    }

    @Override
    Layer toDl4j(int[] input, CNN2DFormat format) {
        // libnd4j's conv2d operations on the fast path, DL4J's plain layer otherwise: same parameters and settings
        return NativeAcceleration.convolution(new ConvolutionLayer.Builder(kernelH, kernelW)
                .stride(strideH, strideW)
                .nIn(input[2])
                .nOut(filters)
                .convolutionMode(padding.toDl4j())
                .activation(activation.toDl4j())
                .hasBias(useBias)
                .weightInit(glorotUniform((long) kernelH * kernelW * input[2], (long) kernelH * kernelW * filters))
                .biasInit(0.0)
                .dataFormat(format));
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("type", kerasType());
        s.put("filters", Integer.toString(filters));
        s.put("kernel", kernelH + "," + kernelW);
        s.put("strides", strideH + "," + strideW);
        s.put("padding", padding.name());
        s.put("activation", activation.name());
        s.put("useBias", Boolean.toString(useBias));
        return s;
    }
}
