package io.github.convscope.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/**
 * One Keras layer of a {@link Sequential} model, before it is built: {@link Conv2D}, {@link MaxPooling2D},
 * {@link AveragePooling2D}, {@link Dropout}, {@link Flatten}, {@link Dense}, {@link BatchNormalization},
 * {@link GlobalAveragePooling2D}. Specs are immutable; configuring methods return a new spec.
 *
 * <pre>{@code
 * LayerSpec conv = Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU);
 * }</pre>
 */
public abstract class LayerSpec {

    LayerSpec() {
    }

    /** The Keras class name, e.g. {@code Conv2D}. */
    public abstract String kerasType();

    /** Keras's default name stem, e.g. {@code conv2d} (then {@code conv2d_1}, ...). */
    abstract String namePrefix();

    /** Output shape without the batch axis (NHWC for images) for the given input shape; refuses impossible input. */
    abstract int[] outputShape(int[] input);

    /** Number of parameters, trainable and not, as Keras counts them. */
    abstract long params(int[] input);

    /** Parameters Keras lists as non-trainable (moving statistics). */
    long nonTrainableParams(int[] input) {
        return 0;
    }

    /** The DL4J layer computing this one, or {@code null} where DL4J needs none (Flatten is a pre-processor). */
    abstract Layer toDl4j(int[] input, CNN2DFormat format);

    /** The settings that recreate this spec through {@link LayerSpecs#fromSettings(Map)}. */
    abstract Map<String, String> settings();

    /** Keras's glorot_uniform: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)), fans including the kernel area. */
    static IWeightInit glorotUniform(long fanIn, long fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return new WeightInitDistribution(new UniformDistribution(-limit, limit));
    }

    static void requireSpatial(String type, int[] input) {
        if (input.length != 3) {
            throw new IllegalArgumentException(type + " needs an image-shaped input (height, width, channels), got "
                    + java.util.Arrays.toString(input) + "; a " + type + " cannot follow Flatten, Dense or global pooling");
        }
    }

    @Override
    public String toString() {
        return kerasType() + settings();
    }
}
