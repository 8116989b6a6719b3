package io.github.convscope.spark;

import io.github.convscope.data.ClassMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's batch labels per class mode, as {@code DirectoryIterator} gives them. */
final class Labels {
    private Labels() {
    }

    static INDArray of(ClassMode mode, int[] indices, int[] classes, int numClasses, INDArray features) {
        int b = indices.length;
        switch (mode) {
            case CATEGORICAL: {
                float[] y = new float[b * numClasses];
                for (int i = 0; i < b; i++) {
                    y[i * numClasses + classes[indices[i]]] = 1f;
                }
                return Nd4j.create(y, new long[] {b, numClasses}, 'c');
            }
            case BINARY:
            case SPARSE: {
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
