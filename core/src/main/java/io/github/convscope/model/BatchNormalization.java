package io.github.convscope.model;

import java.util.LinkedHashMap;
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
 */
public final class BatchNormalization extends LayerSpec {
    private final double momentum;
    private final double epsilon;

    private BatchNormalization(double momentum, double epsilon) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1), got " + momentum);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be > 0, got " + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /** Batch normalization with Keras's defaults (momentum 0.99, epsilon 0.001). */
    public static BatchNormalization of() {
        return new BatchNormalization(0.99, 1e-3);
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
    public String kerasType() {
        return "BatchNormalization";
    }

    @Override
    String namePrefix() {
        return "batch_normalization";
    }

    @Override
    int[] outputShape(int[] input) {
        return input.clone();
    }

    @Override
    long params(int[] input) {
        return 4L * input[input.length - 1];
    }

    @Override
    long nonTrainableParams(int[] input) {
        return 2L * input[input.length - 1];
    }

    @Override
    Layer toDl4j(int[] input, CNN2DFormat format) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder b =
                new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                        .decay(momentum).eps(epsilon).nOut(input[input.length - 1]);
        if (input.length == 3) {
            b.dataFormat(format);
        }
        return b.build();
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("type", kerasType());
        s.put("momentum", Double.toString(momentum));
        s.put("epsilon", Double.toString(epsilon));
        return s;
    }
}
