package io.github.convscope.data;

import io.github.convscope.image.FloatImage;
import java.util.Arrays;

/** Samples that are rows of an in-memory float32 NHWC array (a private copy, as Keras's {@code flow} makes). */
final class ArraySource implements SampleSource {
    private final float[] data;
    private final int first;
    private final int count;
    private final int[] shape;
    private final int sampleSize;

    ArraySource(float[] data, int first, int count, int[] shape) {
        this.data = data;
        this.first = first;
        this.count = count;
        this.shape = shape.clone();
        this.sampleSize = shape[0] * shape[1] * shape[2];
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int[] imageShape() {
        return shape.clone();
    }

    @Override
    public FloatImage load(int index) {
        int from = (first + index) * sampleSize;
        return new FloatImage(shape[0], shape[1], shape[2], Arrays.copyOfRange(data, from, from + sampleSize));
    }

    @Override
    public String describe(int index) {
        return "sample " + index;
    }
}
