package io.github.convscope.model;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/** Keras rules that several layers share: default names, Glorot-uniform weights, image-shaped inputs. */
final class LayerRules {
    private LayerRules() {
    }

    /** Keras's default name stem ({@code generic_utils.to_snake_case}): MaxPooling2D gives max_pooling2d. */
    static String namePrefix(String kerasType) {
        String intermediate = kerasType.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
        return intermediate.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Keras's glorot_uniform: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)), fans including the kernel area. */
    static IWeightInit glorotUniform(long fanIn, long fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return new WeightInitDistribution(new UniformDistribution(-limit, limit));
    }

    /** Refuses an input that is not (height, width, channels), naming the layer that needs one. */
    static void requireSpatial(String type, int[] input) {
        if (input.length != 3) {
            throw new IllegalArgumentException(type + " needs an image-shaped input (height, width, channels), got "
                    + Arrays.toString(input) + "; a " + type + " cannot follow Flatten, Dense or global pooling");
        }
    }
}
