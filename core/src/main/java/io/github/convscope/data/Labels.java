package io.github.convscope.data;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's batch labels per class mode (keras_preprocessing 1.1.0 {@code _get_batches_of_transformed_samples}). */
final class Labels {
    private Labels() {
    }

    /** The labels of a batch of samples {@code indices}, whose class of each sample is {@code classes[index]}. */
    static INDArray of(ClassMode mode, int[] indices, int[] classes, int numClasses, INDArray features) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int b = indices.length;
            switch (mode) {
                case CATEGORICAL: {
                    // Keras: float32 zeros (B, K) with a 1 at each sample's class
                    float[] y = new float[b * numClasses];
                    for (int i = 0; i < b; i++) {
                        y[i * numClasses + classes[indices[i]]] = 1f;
                    }
                    return Nd4j.create(y, new long[] {b, numClasses}, 'c');
                }
                case BINARY:
                case SPARSE: {
                    // Keras: float32 class index per sample (a column here, as DL4J wants [B, 1])
                    float[] y = new float[b];
                    for (int i = 0; i < b; i++) {
                        y[i] = classes[indices[i]];
                    }
                    return Nd4j.create(y, new long[] {b, 1}, 'c');
                }
                case INPUT:
                    return features.dup();
                default:
                    return null;
            }
        }
    }

    /** Number of label columns per sample for {@code mode}. */
    static int width(ClassMode mode, int numClasses, int inputColumns) {
        return switch (mode) {
            case CATEGORICAL -> numClasses;
            case BINARY, SPARSE -> 1;
            case INPUT -> inputColumns;
            case NONE -> 0;
        };
    }
}
