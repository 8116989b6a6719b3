package io.github.convscope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Generated NHWC images of two classes: a bright square in the top-left (class 0) or bottom-right (class 1). */
public final class TwoClassData {
    private TwoClassData() {
    }

    /** Class-mode BINARY labels [n, 1]. */
    public static DataSetIterator binary(int n, int size, int batch, long seed) {
        return iterator(n, size, batch, seed, false);
    }

    /** Class-mode CATEGORICAL labels [n, 2]. */
    public static DataSetIterator categorical(int n, int size, int batch, long seed) {
        return iterator(n, size, batch, seed, true);
    }

    public static DataSetIterator iterator(int n, int size, int batch, long seed, boolean oneHot) {
        Random r = new Random(seed);
        List<DataSet> all = new ArrayList<>();
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            float[] x = new float[b * size * size * 3];
            float[] y = new float[b * (oneHot ? 2 : 1)];
            for (int i = 0; i < b; i++) {
                int cls = (start + i) % 2;
                int offset = cls == 0 ? 0 : size / 2;
                for (int h = 0; h < size; h++) {
                    for (int w = 0; w < size; w++) {
                        boolean inside = h >= offset && h < offset + size / 2 && w >= offset && w < offset + size / 2;
                        for (int c = 0; c < 3; c++) {
                            float v = (inside ? 0.6f : 0.2f) + 0.3f * r.nextFloat();
                            x[((i * size + h) * size + w) * 3 + c] = v;
                        }
                    }
                }
                if (oneHot) {
                    y[i * 2 + cls] = 1;
                } else {
                    y[i] = cls;
                }
            }
            INDArray features = Nd4j.create(x, new long[] {b, size, size, 3}, 'c').castTo(DataType.FLOAT);
            INDArray labels = Nd4j.create(y, new long[] {b, oneHot ? 2 : 1}, 'c').castTo(DataType.FLOAT);
            all.add(new DataSet(features, labels));
        }
        return new BatchListIterator(all, List.of("left", "right"));
    }

    /** A small CNN for 16x16x3 inputs. */
    public static Sequential.Builder smallModel(int size) {
        return Sequential.builder().inputShape(size, size, 3)
                .add(Conv2D.of(4, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Flatten.of())
                .add(Dense.of(8).activation(Activation.RELU))
                .add(Dense.of(1).activation(Activation.SIGMOID));
    }
}
