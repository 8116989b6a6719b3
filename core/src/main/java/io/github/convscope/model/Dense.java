package io.github.convscope.model;

import io.github.convscope.backend.NativeAcceleration;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras {@code Dense}: a fully connected layer of {@code units} outputs on a vector input; linear activation,
 * Glorot-uniform weights and zero biases unless set otherwise. The last Dense of a compiled model carries the loss.
 *
 * <pre>{@code
 * Dense.of(1).activation(Activation.SIGMOID)
 * }</pre>
 *
 * @param units number of outputs, at least 1
 * @param activation the activation applied to the output
 * @param useBias whether the layer adds a bias per unit
 */
public record Dense(int units, Activation activation, boolean useBias) implements LayerSpec {

    /** Checks the settings, naming the one out of range. */
    public Dense {
        if (units < 1) {
            throw new IllegalArgumentException("Dense units must be >= 1, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
    }

    /** A dense layer with {@code units} outputs. */
    public static Dense of(int units) {
        return new Dense(units, Activation.LINEAR, true);
    }

    static Dense fromSettings(LayerSettings s) {
        return new Dense(s.integer("units"), s.constant("activation", Activation.class), s.bool("useBias"));
    }

    /** A copy with the given activation. */
    public Dense activation(Activation newActivation) {
        return new Dense(units, newActivation, useBias);
    }

    /** A copy with or without a bias term. */
    public Dense useBias(boolean bias) {
        return new Dense(units, activation, bias);
    }

    @Override
    public int[] outputShape(int[] input) {
        if (input.length != 1) {
            throw new IllegalArgumentException("Dense needs a vector input, got shape " + Arrays.toString(input)
                    + ": add Flatten.of() or GlobalAveragePooling2D.of() before it");
        }
        return new int[] {units};
    }

    @Override
    public long params(int[] input) {
        return (long) input[0] * units + (useBias ? units : 0);
    }

    @Override
    public Layer toDl4j(int[] input, CNN2DFormat format) {
        return NativeAcceleration.dense(new DenseLayer.Builder().nIn(input[0]).nOut(units)
                .activation(activation.toDl4j()).hasBias(useBias).weightInit(LayerRules.glorotUniform(input[0], units))
                .biasInit(0.0));
    }

    /** The same layer as DL4J's output layer, carrying {@code loss}. */
    Layer toOutputLayer(int[] input, ILossFunction loss) {
        return new OutputLayer.Builder(loss).nIn(input[0]).nOut(units).activation(activation.toDl4j())
                .hasBias(useBias).weightInit(LayerRules.glorotUniform(input[0], units)).biasInit(0.0).build();
    }

    @Override
    public Map<String, String> settings() {
        return LayerSettings.of(this).put("units", units).put("activation", activation).put("useBias", useBias)
                .toMap();
    }

    /** The Keras type and its settings, e.g. {@code Dense{type=Dense, units=1, ...}}. */
    @Override
    public String toString() {
        return kerasType() + settings();
    }
}
