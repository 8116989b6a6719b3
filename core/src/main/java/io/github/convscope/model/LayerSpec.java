package io.github.convscope.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * One Keras layer of a {@link Sequential} model, before it is built. The family is closed (see the permitted
 * subclasses); each layer is an immutable value named after its Keras class, whose configuring methods return a new
 * layer, and which can rebuild itself from the {@link #settings()} a saved model keeps.
 *
 * <pre>{@code
 * LayerSpec conv = Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU);
 * }</pre>
 */
public sealed interface LayerSpec permits Conv2D, Pooling2D, Dropout, Flatten, Dense, BatchNormalization,
        GlobalAveragePooling2D {

    /** The Keras class name, e.g. {@code Conv2D}: each layer class is named after its Keras class. */
    default String kerasType() {
        return getClass().getSimpleName();
    }

    /**
     * Output shape without the batch axis (NHWC for images) for an input of {@code inputShape}, as Keras's
     * {@code compute_output_shape}; an input the layer cannot take is an {@link IllegalArgumentException} that says
     * what to change.
     */
    int[] outputShape(int[] inputShape);

    /** Number of parameters, trainable and not, as Keras's {@code count_params} gives for this input shape. */
    long params(int[] inputShape);

    /** Parameters Keras lists as non-trainable (the moving statistics of batch normalization); 0 for most layers. */
    default long nonTrainableParams(int[] inputShape) {
        return 0;
    }

    /**
     * The DL4J layer computing this one for an input of {@code inputShape} in the network layout {@code format}, or
     * {@code null} where DL4J needs none ({@link Flatten} is an input pre-processor of the next layer).
     */
    Layer toDl4j(int[] inputShape, CNN2DFormat format);

    /**
     * The settings that rebuild this layer through {@link #fromSettings(Map)}, as Keras's {@code get_config}:
     * {@code type} (the Keras class name) first, then the layer's own settings as strings; only the type for a
     * layer without settings.
     */
    default Map<String, String> settings() {
        return LayerSettings.of(this).toMap();
    }

    /**
     * The layer that {@code settings} describe, as Keras's {@code from_config}; an unknown type or a missing or
     * malformed setting is an {@link IllegalArgumentException} naming it.
     */
    static LayerSpec fromSettings(Map<String, String> settings) {
        return LayerSettings.rebuild(settings);
    }
}
