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
public final class ByteImage {
    private final int height;
    private final int width;
    private final int channels;
    private final byte[] data;

    /** Wraps {@code data} (length height*width*channels, HWC order, unsigned bytes) without copying it. */
    public ByteImage(int height, int width, int channels, byte[] data) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "height, width and channels must be positive, got " + height + "x" + width + "x" + channels);
        }
        if (data.length != (long) height * width * channels) {
            throw new IllegalArgumentException("data has " + data.length + " values, expected height*width*channels = "
                    + ((long) height * width * channels));
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.data = data;
    }

    /** Number of rows. */
    public int height() {
        return height;
    }

    /** Number of columns. */
    public int width() {
        return width;
    }

    /** Number of channels: 1 (grayscale), 3 (RGB) or 4 (RGBA) for loaded images. */
    public int channels() {
        return channels;
    }

    /** The backing HWC array itself (not a copy); read values with {@code & 0xff}. */
    public byte[] data() {
        return data;
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
