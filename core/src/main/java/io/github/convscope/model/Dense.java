package io.github.convscope.model;

import java.util.LinkedHashMap;
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
 */
public final class Dense extends LayerSpec {
    private final int units;
    private final Activation activation;
    private final boolean useBias;

    private Dense(int units, Activation activation, boolean useBias) {
        if (units < 1) {
            throw new IllegalArgumentException("Dense units must be >= 1, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        this.units = units;
        this.activation = activation;
        this.useBias = useBias;
    }

    /** A dense layer with {@code units} outputs. */
    public static Dense of(int units) {
        return new Dense(units, Activation.LINEAR, true);
    }

    /** A copy with the given activation. */
    public Dense activation(Activation newActivation) {
        return new Dense(units, newActivation, useBias);
    }

    /** A copy with or without a bias term. */
    public Dense useBias(boolean bias) {
        return new Dense(units, activation, bias);
    }

    /** Number of outputs. */
    public int units() {
        return units;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String kerasType() {
        return "Dense";
    }

    @Override
    String namePrefix() {
        return "dense";
    }

    @Override
    int[] outputShape(int[] input) {
        if (input.length != 1) {
            throw new IllegalArgumentException("Dense needs a vector input, got shape " + java.util.Arrays.toString(input)
                    + ": add Flatten.of() or GlobalAveragePooling2D.of() before it");
        }
        return new int[] {units};
    }

    @Override
    long params(int[] input) {
        return (long) input[0] * units + (useBias ? units : 0);
    }

    @Override
    Layer toDl4j(int[] input, CNN2DFormat format) {
        return new DenseLayer.Builder().nIn(input[0]).nOut(units).activation(activation.toDl4j()).hasBias(useBias)
                .weightInit(glorotUniform(input[0], units)).biasInit(0.0).build();
    }

    /** The same layer as DL4J's output layer, carrying {@code loss}. */
    Layer toOutputLayer(int[] input, ILossFunction loss) {
        return new OutputLayer.Builder(loss).nIn(input[0]).nOut(units).activation(activation.toDl4j())
                .hasBias(useBias).weightInit(glorotUniform(input[0], units)).biasInit(0.0).build();
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("type", kerasType());
        s.put("units", Integer.toString(units));
        s.put("activation", activation.name());
        s.put("useBias", Boolean.toString(useBias));
        return s;
    }
}
