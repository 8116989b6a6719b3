package io.github.convscope.image;

import java.util.Arrays;

/**
 * One image as float32 pixels in HWC order (row-major rows, then columns, then channels), the layout of Keras's
 * {@code img_to_array} with {@code channels_last}.
 *
 * <pre>{@code
 * FloatImage image = FloatImage.zeros(150, 150, 3);
 * float red = image.get(0, 0, 0);
 * }</pre>
 *
 * <p>The pixel array is shared, not copied: this is the unit the loaders and transforms hand to each other on the hot
 * path. Use {@link #copy()} before changing an image someone else still holds.
 */
public record FloatImage(int height, int width, int channels, float[] data) {
    /**
     * Wraps {@code data} (length height*width*channels, HWC order) without copying it; {@code height},
     * {@code width} and {@code channels} are the number of rows, columns and channels (1 grayscale, 3 RGB, 4 RGBA
     * for loaded images), and {@code data()} is the backing array itself, not a copy.
     */
    public FloatImage {
        checkShape(height, width, channels, data.length);
    }

    /** An all-zero image of the given size (checked as the constructor checks it). */
    public static FloatImage zeros(int height, int width, int channels) {
        checkShape(height, width, channels, (long) height * width * channels);
        return new FloatImage(height, width, channels, new float[height * width * channels]);
    }

    /** The value at row {@code r}, column {@code c}, channel {@code ch}. */
    public float get(int r, int c, int ch) {
        return data[(r * width + c) * channels + ch];
    }

    /** Sets the value at row {@code r}, column {@code c}, channel {@code ch}. */
    public void set(int r, int c, int ch, float value) {
        data[(r * width + c) * channels + ch] = value;
    }

    /** A deep copy. */
    public FloatImage copy() {
        return new FloatImage(height, width, channels, data.clone());
    }

    /** The shape as {@code [height, width, channels]}. */
    public int[] shape() {
        return new int[] {height, width, channels};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage other && other.height == height && other.width == width
                && other.channels == channels && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * height + width) + channels) + Arrays.hashCode(data);
    }

    /** The shape check both image records make: positive sizes and an array of exactly that many values. */
    static void checkShape(int height, int width, int channels, long length) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "height, width and channels must be positive, got " + height + "x" + width + "x" + channels);
        }
        if (length != (long) height * width * channels) {
            throw new IllegalArgumentException("data has " + length + " values, expected height*width*channels = "
                    + ((long) height * width * channels));
        }
    }

    @Override
    public String toString() {
        return "FloatImage[" + height + "x" + width + "x" + channels + "]";
    }
}
