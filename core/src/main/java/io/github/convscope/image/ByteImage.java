package io.github.convscope.image;

/**
 * One image as unsigned 8-bit pixels in HWC order (rows, then columns, then channels): what Keras's {@code load_img}
 * holds before {@code img_to_array}, at a quarter of the memory of a {@link FloatImage}, so it suits caches.
 *
 * <pre>{@code
 * ByteImage pixels = loader.loadBytes(Path.of("cats/cat.1.jpg"));
 * FloatImage image = pixels.toFloatImage();
 * }</pre>
 *
 * <p>The byte array is shared, not copied; values are read as unsigned (0...255).
 */
public record ByteImage(int height, int width, int channels, byte[] data) {
    /**
     * Wraps {@code data} (length height*width*channels, HWC order, unsigned bytes) without copying it; {@code height},
     * {@code width} and {@code channels} are the number of rows, columns and channels (1 grayscale, 3 RGB, 4 RGBA
     * for loaded images), and {@code data()} is the backing array itself, not a copy.
     */
    public ByteImage {
        FloatImage.checkShape(height, width, channels, data.length);
    }

    /** The value (0...255) at row {@code r}, column {@code c}, channel {@code ch}. */
    public int get(int r, int c, int ch) {
        return data[(r * width + c) * channels + ch] & 0xff;
    }

    /** The same pixels as float32 0...255 values, like Keras's {@code img_to_array}. */
    public FloatImage toFloatImage() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] & 0xff;
        }
        return new FloatImage(height, width, channels, out);
    }

    /** Writes the pixels as float32 0...255 values into {@code target} from {@code offset} on (HWC order). */
    public void copyTo(float[] target, int offset) {
        if (offset < 0 || target.length - offset < data.length) {
            throw new IllegalArgumentException("target has room for " + (target.length - offset)
                    + " values from offset " + offset + ", the image has " + data.length);
        }
        for (int i = 0; i < data.length; i++) {
            target[offset + i] = data[i] & 0xff;
        }
    }

    /** The shape as {@code [height, width, channels]}. */
    public int[] shape() {
        return new int[] {height, width, channels};
    }

    @Override
    public String toString() {
        return "ByteImage[" + height + "x" + width + "x" + channels + "]";
    }
}
