package io.github.convscope.model;

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
 *
 * @param rate the fraction of inputs dropped while training, in [0, 1), as in Keras
 */
public record Dropout(double rate) implements LayerSpec {

    /** Checks that the rate is in [0, 1). */
    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate is the fraction of inputs dropped and must be in [0, 1), "
                    + "got " + rate + (rate == 1 ? " (a rate of 1 would drop everything)" : ""));
        }
    }

    /** A dropout layer that drops the fraction {@code rate} (in [0, 1)) of its inputs while training. */
    public static Dropout of(double rate) {
        return new Dropout(rate);
    }

    static Dropout fromSettings(LayerSettings s) {
        return new Dropout(s.decimal("rate"));
    }

    /** The probability that DL4J keeps an input: 1 - rate. */
    public double retainProbability() {
        return 1.0 - rate;
    }

    @Override
    public int[] outputShape(int[] input) {
        return input.clone();
    }

    @Override
    public long params(int[] input) {
        return 0;
    }

    @Override
    public Layer toDl4j(int[] input, CNN2DFormat format) {
        DropoutLayer.Builder b = new DropoutLayer.Builder();
        if (rate > 0) {
            // DL4J's Dropout(p) takes the RETAIN probability; Keras's rate is the fraction dropped
            b.dropOut(new org.deeplearning4j.nn.conf.dropout.Dropout(retainProbability()));
        }
        return b.build();
    }

    @Override
    public Map<String, String> settings() {
        return LayerSettings.of(this).put("rate", rate).toMap();
    }

    /** The Keras type and its settings, e.g. {@code Dropout{type=Dropout, rate=0.3}}. */
    @Override
    public String toString() {
        return kerasType() + settings();
    }
}
