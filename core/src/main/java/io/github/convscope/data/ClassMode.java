package io.github.convscope.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an iterator returns as labels, Keras's {@code class_mode}.
 *
 * <pre>{@code
 * DirectoryIterator it = DirectoryIterator.builder(dir).classMode(ClassMode.BINARY).build();
 * }</pre>
 */
public enum ClassMode {
    /** One-hot float32 labels of shape [batch, numClasses] (Keras's default, {@code 'categorical'}). */
    CATEGORICAL,
    /** The class index as float32, shape [batch, 1]; like Keras, more than two classes are not refused. */
    BINARY,
    /** The class index as float32, shape [batch, 1] (Keras's {@code 'sparse'}). */
    SPARSE,
    /** Labels are a copy of the features, for autoencoders (Keras's {@code 'input'}). */
    INPUT,
    /** Features only; the labels of each {@code DataSet} are {@code null} (Keras's {@code None}). */
    NONE;

    /**
     * The labels of a batch in this mode, as Keras's {@code DirectoryIterator} makes them: for the samples
     * {@code indices} (in batch order), whose class is {@code classes[index]} out of {@code numClasses};
     * {@code features} is the batch itself (copied for {@link #INPUT}). Null for {@link #NONE}.
     */
    public INDArray batchLabels(int[] indices, int[] classes, int numClasses, INDArray features) {
        return Labels.of(this, indices, classes, numClasses, features);
    }
}
