package io.github.convscope.model;

import io.github.convscope.backend.NativeAcceleration;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/** Window, strides and padding shared by the two pooling specs. */
record PoolWindow(int poolH, int poolW, int strideH, int strideW, Padding padding) {

    PoolWindow {
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
    static PoolWindow of(int poolH, int poolW) {
        return new PoolWindow(poolH, poolW, poolH, poolW, Padding.VALID);
    }

    int[] outputShape(String type, int[] input) {
        LayerSpec.requireSpatial(type, input);
        // Keras 'valid' pooling floors ((in - pool) / stride + 1); 'same' is ceil(in / stride)
        int h = padding.outputLength(input[0], poolH, strideH);
        int w = padding.outputLength(input[1], poolW, strideW);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(type + " window " + poolH + "x" + poolW + " does not fit its input "
                    + input[0] + "x" + input[1] + " with valid padding");
        }
        return new int[] {h, w, input[2]};
    }

    SubsamplingLayer toDl4j(PoolingType type, CNN2DFormat format) {
        // the argmax-keeping layer on the fast path, DL4J's plain one otherwise: same settings
        return NativeAcceleration.pooling(new SubsamplingLayer.Builder(type)
                .kernelSize(poolH, poolW)
                .stride(strideH, strideW)
                .convolutionMode(padding.toDl4j())
                // Keras/TensorFlow average pooling divides by the number of real (unpadded) inputs
                .avgPoolIncludePadInDivisor(false)
                .dataFormat(format));
    }

    void describe(Map<String, String> s) {
        s.put("pool", poolH + "," + poolW);
        s.put("strides", strideH + "," + strideW);
        s.put("padding", padding.name());
    }
}
