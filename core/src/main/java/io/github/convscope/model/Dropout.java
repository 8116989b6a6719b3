package io.github.convscope.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Keras {@code Dropout}: during training, sets the fraction {@code rate} of its inputs to zero and scales the rest by
 * 1 / (1 - rate); at inference it passes its input through.
 *
 * <pre>{@code
 * Dropout.of(0.3)   // drops 30 %; DL4J's builder would be told to RETAIN 0.7
 * }</pre>
 */
public final class Dropout extends LayerSpec {
    private final double rate;

    private Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate is the fraction of inputs dropped and must be in [0, 1), "
                    + "got " + rate + (rate == 1 ? " (a rate of 1 would drop everything)" : ""));
        }
        this.rate = rate;
    }

    /** A dropout layer that drops the fraction {@code rate} (in [0, 1)) of its inputs while training. */
    public static Dropout of(double rate) {
        return new Dropout(rate);
    }

    /** The fraction dropped, as in Keras. */
    public double rate() {
        return rate;
    }

    /** The probability that DL4J keeps an input: 1 - rate. */
    public double retainProbability() {
        return 1.0 - rate;
    }

    @Override
    public String kerasType() {
        return "Dropout";
    }

    @Override
    String namePrefix() {
        return "dropout";
    }

    @Override
    int[] outputShape(int[] input) {
        return input.clone();
    }

    @Override
    long params(int[] input) {
        return 0;
    }

    @Override
    Layer toDl4j(int[] input, CNN2DFormat format) {
        DropoutLayer.Builder b = new DropoutLayer.Builder();
        if (rate > 0) {
            // DL4J's Dropout(p) takes the RETAIN probability; Keras's rate is the fraction dropped
            b.dropOut(new org.deeplearning4j.nn.conf.dropout.Dropout(retainProbability()));
        }
        return b.build();
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("type", kerasType());
        s.put("rate", Double.toString(rate));
        return s;
    }
}
