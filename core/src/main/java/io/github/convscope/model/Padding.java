package io.github.convscope.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * Keras padding modes of convolution and pooling layers.
 *
 * <pre>{@code
 * Conv2D.of(32, 3).padding(Padding.SAME)
 * }</pre>
 */
public enum Padding {
    /** No padding; the output size is floor((in - window) / stride) + 1 (Keras {@code 'valid'}, the default). */
    VALID(ConvolutionMode.Truncate),
    /** Zero padding so that the output size is ceil(in / stride) (Keras and TensorFlow {@code 'same'}). */
    SAME(ConvolutionMode.Same);

    private final ConvolutionMode mode;

    Padding(ConvolutionMode mode) {
        this.mode = mode;
    }

    /** The DL4J convolution mode with the same output-size rule. */
    public ConvolutionMode toDl4j() {
        return mode;
    }

    /** Output length along one axis, by Keras's {@code conv_utils.conv_output_length}. */
    int outputLength(int input, int window, int stride) {
        if (this == SAME) {
            return (input + stride - 1) / stride;
        }
        return input < window ? 0 : (input - window) / stride + 1;
    }
}
