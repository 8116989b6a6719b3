package io.github.convscope.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Keras {@code BatchNormalization} over the last (channel) axis, with Keras's defaults momentum 0.99 and epsilon
 * 0.001; Keras counts 4 parameters per channel, 2 of them (the moving mean and variance) non-trainable.
 *
 * <pre>{@code
 * .add(Conv2D.of(32, 3)).add(BatchNormalization.of())
 * }</pre>
 *
 * @param momentum the moving-average momentum in [0, 1) (DL4J calls it decay)
 * @param epsilon the variance epsilon, above 0
 */
public record BatchNormalization(double momentum, double epsilon) implements LayerSpec {

    /** Checks the settings, naming the one out of range. */
    public BatchNormalization {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1), got " + momentum);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be > 0, got " + epsilon);
        }
    }

    /** Batch normalization with Keras's defaults (momentum 0.99, epsilon 0.001). */
    public static BatchNormalization of() {
        return new BatchNormalization(0.99, 1e-3);
    }

    static BatchNormalization fromSettings(LayerSettings s) {
        return new BatchNormalization(s.decimal("momentum"), s.decimal("epsilon"));
    }

    /** A copy with the moving-average momentum (DL4J calls it decay). */
    public BatchNormalization momentum(double value) {
        return new BatchNormalization(value, epsilon);
    }

    /** A copy with the variance epsilon. */
    public BatchNormalization epsilon(double value) {
        return new BatchNormalization(momentum, value);
    }

    @Override
    public int[] outputShape(int[] input) {
        return input.clone();
    }

    @Override
    public long params(int[] input) {
        return 4L * input[input.length - 1];
    }

    @Override
    public long nonTrainableParams(int[] input) {
        return 2L * input[input.length - 1];
    }

    @Override
    public Layer toDl4j(int[] input, CNN2DFormat format) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder b =
                new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                        .decay(momentum).eps(epsilon).nOut(input[input.length - 1]);
        if (input.length == 3) {
            b.dataFormat(format);
        }
        return b.build();
    }

    @Override
    public Map<String, String> settings() {
        return LayerSettings.of(this).put("momentum", momentum).put("epsilon", epsilon).toMap();
    }

    /** The Keras type and its settings, e.g. {@code BatchNormalization{type=BatchNormalization, ...}}. */
    @Override
    public String toString() {
        return kerasType() + settings();
    }
}
