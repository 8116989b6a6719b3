package io.github.convscope.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Keras {@code Flatten}: turns a (height, width, channels) feature map into a vector for the {@link Dense} layers.
 * DL4J applies it as an input pre-processor of the next layer, so it has no DL4J layer of its own.
 *
 * <pre>{@code
 * .add(Flatten.of()).add(Dense.of(512).activation(Activation.RELU))
 * }</pre>
 */
public record Flatten() implements LayerSpec {

    /** The flatten layer. */
    public static Flatten of() {
        return new Flatten();
    }

    @Override
    public int[] outputShape(int[] input) {
        long n = 1;
        for (int d : input) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Flatten output of " + n + " values is too large");
        }
        return new int[] {(int) n};
    }

    @Override
    public long params(int[] input) {
        return 0;
    }

    /** None: DL4J flattens with an input pre-processor of the next layer. */
    @Override
    public Layer toDl4j(int[] input, CNN2DFormat format) {
        return null;
    }

    /** {@code Flatten{type=Flatten}}. */
    @Override
    public String toString() {
        return kerasType() + settings();
    }
}
