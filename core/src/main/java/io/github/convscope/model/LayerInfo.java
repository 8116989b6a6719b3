package io.github.convscope.model;

import java.util.Arrays;

/**
 * One Keras-level layer of a model as the summary and the activation extractor see it: its Keras name and type,
 * its output shape without the batch axis (NHWC for images), and which layer of the underlying DL4J network
 * produces that output.
 *
 * @param name Keras-style name, e.g. {@code conv2d_1}
 * @param type Keras class name, e.g. {@code Conv2D}, {@code MaxPooling2D}, {@code Flatten}
 * @param networkIndex index of the DL4J layer whose activation is this layer's output; for {@code Flatten}, which
 *     DL4J applies as an input pre-processor, the index of the layer before it
 * @param outputShape output shape without the batch axis, e.g. {@code [150, 150, 16]} or {@code [512]}
 * @param params number of parameters, as Keras counts them
 */
public record LayerInfo(String name, String type, int networkIndex, int[] outputShape, long params) {

    /** Checks the fields and defensively copies the shape. */
    public LayerInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        outputShape = outputShape.clone();
    }

    /** The output shape without the batch axis (a copy). */
    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    /** Whether this layer's output is an image-shaped (height, width, channels) tensor. */
    public boolean isSpatial() {
        return outputShape.length == 3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo l && l.name.equals(name) && l.type.equals(type) && l.networkIndex == networkIndex
                && Arrays.equals(l.outputShape, outputShape) && l.params == params;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(outputShape);
    }

    @Override
    public String toString() {
        return name + " (" + type + ") " + Arrays.toString(outputShape);
    }
}
