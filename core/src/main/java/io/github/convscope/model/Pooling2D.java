package io.github.convscope.model;

import io.github.convscope.backend.NativeAcceleration;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Keras's 2-D pooling layers, {@link MaxPooling2D} and {@link AveragePooling2D}: a pool window, strides equal to the
 * pool size and {@code valid} padding (the output size is floored) unless set otherwise. Immutable; the configuring
 * methods return a new layer of the same kind.
 *
 * <pre>{@code
 * MaxPooling2D.of(3).strides(2).padding(Padding.SAME)
 * }</pre>
 *
 * @param <P> the pooling layer itself, so that configuring keeps its type
 */
public abstract sealed class Pooling2D<P extends Pooling2D<P>> implements LayerSpec
        permits MaxPooling2D, AveragePooling2D {
    private final Window window;
    private final PoolingType type;

    Pooling2D(Window window, PoolingType type) {
        this.window = window;
        this.type = type;
    }

    /** The same kind of pooling over another window. */
    abstract P with(Window newWindow);

    /** A copy with the same stride along both axes. */
    public P strides(int stride) {
        return strides(stride, stride);
    }

    /** A copy with the given strides along height and width. */
    public P strides(int strideHeight, int strideWidth) {
        return with(new Window(window.poolH, window.poolW, strideHeight, strideWidth, window.padding));
    }

    /** A copy with the given padding. */
    public P padding(Padding padding) {
        return with(new Window(window.poolH, window.poolW, window.strideH, window.strideW, padding));
    }

    /** The pool window's height. */
    public int poolHeight() {
        return window.poolH;
    }

    /** The pool window's width. */
    public int poolWidth() {
        return window.poolW;
    }

    /** The stride along the height. */
    public int strideHeight() {
        return window.strideH;
    }

    /** The stride along the width. */
    public int strideWidth() {
        return window.strideW;
    }

    /** The padding mode. */
    public Padding padding() {
        return window.padding;
    }

    @Override
    public int[] outputShape(int[] input) {
        LayerRules.requireSpatial(kerasType(), input);
        // Keras 'valid' pooling floors ((in - pool) / stride + 1); 'same' is ceil(in / stride)
        int h = window.padding.outputLength(input[0], window.poolH, window.strideH);
        int w = window.padding.outputLength(input[1], window.poolW, window.strideW);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(kerasType() + " window " + window.poolH + "x" + window.poolW
                    + " does not fit its input " + input[0] + "x" + input[1] + " with valid padding");
        }
        return new int[] {h, w, input[2]};
    }

    /** None: pooling has no parameters. */
    @Override
    public long params(int[] input) {
        return 0;
    }

    @Override
    public Layer toDl4j(int[] input, CNN2DFormat format) {
        // the argmax-keeping layer on the fast path, DL4J's plain one otherwise: same settings
        return NativeAcceleration.pooling(new SubsamplingLayer.Builder(type)
                .kernelSize(window.poolH, window.poolW)
                .stride(window.strideH, window.strideW)
                .convolutionMode(window.padding.toDl4j())
                // Keras/TensorFlow average pooling divides by the number of real (unpadded) inputs
                .avgPoolIncludePadInDivisor(false)
                .dataFormat(format));
    }

    @Override
    public Map<String, String> settings() {
        return LayerSettings.of(this).pair("pool", window.poolH, window.poolW)
                .pair("strides", window.strideH, window.strideW).put("padding", window.padding).toMap();
    }

    /** Whether {@code o} is the same kind of pooling over the same window. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((Pooling2D<?>) o).window.equals(window);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + window.hashCode();
    }

    /** The Keras type and its settings, e.g. {@code MaxPooling2D{type=MaxPooling2D, pool=2,2, ...}}. */
    @Override
    public String toString() {
        return kerasType() + settings();
    }

    /** Window, strides and padding of a pooling layer. */
    record Window(int poolH, int poolW, int strideH, int strideW, Padding padding) {

        Window {
            if (poolH < 1 || poolW < 1) {
                throw new IllegalArgumentException("pool size must be >= 1, got " + poolH + "x" + poolW);
            }
            if (strideH < 1 || strideW < 1) {
                throw new IllegalArgumentException("pooling strides must be >= 1, got " + strideH + "x" + strideW);
            }
            if (padding == null) {
                throw new IllegalArgumentException("padding must not be null");
            }
        }

        /** Keras: strides default to the pool size. */
        static Window of(int poolH, int poolW) {
            return new Window(poolH, poolW, poolH, poolW, Padding.VALID);
        }

        static Window fromSettings(LayerSettings s) {
            int[] pool = s.pair("pool");
            int[] strides = s.pair("strides");
            return new Window(pool[0], pool[1], strides[0], strides[1], s.constant("padding", Padding.class));
        }
    }
}
