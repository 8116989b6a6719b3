package io.github.convscope.inspect;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The activations of one layer for a batch of images, as Keras's {@code Model(inputs, layer.output).predict} returns
 * them: float32, channels last.
 *
 * <pre>{@code
 * FeatureMap conv = activations.predict(images).get(0);
 * INDArray firstChannel = conv.channel(0, 0);   // [height, width] of image 0
 * }</pre>
 *
 * <p>Image-shaped layers (convolution, pooling, dropout, ...) hold an NHWC array {@code [batch, height, width,
 * channels]}; flat layers ({@code Flatten}, {@code Dense}) hold {@code [batch, features]}, where a {@code Flatten}
 * lists its input in Keras's order (row, then column, then channel). The array is owned by this object and is not
 * copied by the accessors; treat it as read-only.
 */
public final class FeatureMap {
    private final String layerName;
    private final String layerType;
    private final INDArray activations;

    /**
     * A feature map from a float32 array that is either NHWC {@code [batch, height, width, channels]} or flat
     * {@code [batch, features]}.
     */
    public FeatureMap(String layerName, String layerType, INDArray activations) {
        if (layerName == null || layerName.isEmpty()) {
            throw new IllegalArgumentException("layerName must not be empty");
        }
        if (layerType == null || layerType.isEmpty()) {
            throw new IllegalArgumentException("layerType must not be empty");
        }
        if (activations == null || (activations.rank() != 4 && activations.rank() != 2)) {
            throw new IllegalArgumentException("activations of '" + layerName + "' must be rank 4 (NHWC) or rank 2 "
                    + "(batch, features), got shape " + (activations == null ? "null"
                    : Arrays.toString(activations.shape())));
        }
        if (activations.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("activations of '" + layerName + "' must be float32, got "
                    + activations.dataType());
        }
        this.layerName = layerName;
        this.layerType = layerType;
        this.activations = activations;
    }

    /** The layer's name: Keras's naming ({@code conv2d}, {@code max_pooling2d_1}) when the model has one. */
    public String layerName() {
        return layerName;
    }

    /** The layer's type: the Keras class name ({@code Conv2D}) or, for a plain DL4J network, the DL4J one. */
    public String layerType() {
        return layerType;
    }

    /** The whole float32 array, NHWC {@code [batch, height, width, channels]} or {@code [batch, features]}. */
    public INDArray array() {
        return activations;
    }

    /** The shape of {@link #array()}, batch axis first. */
    public long[] shape() {
        return activations.shape();
    }

    /** Whether the activations are image-shaped ({@code [batch, height, width, channels]}). */
    public boolean isSpatial() {
        return activations.rank() == 4;
    }

    /** Number of images in the batch. */
    public int batchSize() {
        return (int) activations.size(0);
    }

    /** Height of each map; 1 for a flat layer. */
    public int height() {
        return isSpatial() ? (int) activations.size(1) : 1;
    }

    /** Width of each map; 1 for a flat layer. */
    public int width() {
        return isSpatial() ? (int) activations.size(2) : 1;
    }

    /** Number of channels (feature maps) of an image-shaped layer, or the number of features of a flat one. */
    public int channels() {
        return (int) activations.size(activations.rank() - 1);
    }

    /** The activations of image {@code index}: a view of shape {@code [height, width, channels]} or {@code [features]}. */
    public INDArray image(int index) {
        checkIndex("image", index, batchSize());
        return isSpatial()
                ? activations.get(NDArrayIndex.point(index), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                : activations.get(NDArrayIndex.point(index), NDArrayIndex.all());
    }

    /** Channel {@code channel} of image {@code index} as a {@code [height, width]} view (image-shaped layers only). */
    public INDArray channel(int index, int channel) {
        requireSpatial();
        checkIndex("image", index, batchSize());
        checkIndex("channel", channel, channels());
        return activations.get(NDArrayIndex.point(index), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(channel));
    }

    /** Channel {@code channel} of image {@code index} as a new row-major {@code height*width} float array. */
    public float[] channelValues(int index, int channel) {
        return channel(index, channel).dup('c').reshape('c', new long[] {(long) height() * width()}).toFloatVector();
    }

    private void requireSpatial() {
        if (!isSpatial()) {
            throw new IllegalStateException("layer '" + layerName + "' is flat " + Arrays.toString(shape())
                    + "; channels exist only for image-shaped layers");
        }
    }

    private void checkIndex(String what, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(what + " index " + index + " out of range [0, " + size + ") for layer '"
                    + layerName + "'");
        }
    }

    @Override
    public String toString() {
        return "FeatureMap[" + layerName + " (" + layerType + ") " + Arrays.toString(shape()) + "]";
    }
}
