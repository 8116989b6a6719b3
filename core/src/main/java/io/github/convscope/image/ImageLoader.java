package io.github.convscope.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Loads an image file the way Keras's {@code load_img} + {@code img_to_array} do: decode, convert the colour mode,
 * resize to the target size with Pillow's filter, return float32 HWC.
 *
 * <pre>{@code
 * ImageLoader loader = ImageLoader.builder().targetSize(150, 150).build();
 * FloatImage image = loader.load(Path.of("cats/cat.1.jpg"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImageLoader {
    /** Pillow's default decompression-bomb limit, in pixels. */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

    private final ColorMode colorMode;
    private final int targetHeight;
    private final int targetWidth;
    private final Interpolation interpolation;
    private final boolean keepAspectRatio;
    private final long maxPixels;

    private ImageLoader(Builder b) {
        this.colorMode = b.colorMode;
        this.targetHeight = b.targetHeight;
        this.targetWidth = b.targetWidth;
        this.interpolation = b.interpolation;
        this.keepAspectRatio = b.keepAspectRatio;
        this.maxPixels = b.maxPixels;
    }

    /** A builder with Keras's defaults: RGB, no resize, nearest, no aspect-ratio crop. */
    public static Builder builder() {
        return new Builder();
    }

    /** The colour mode images are converted to. */
    public ColorMode colorMode() {
        return colorMode;
    }

    /** Target height, or 0 when images keep their size. */
    public int targetHeight() {
        return targetHeight;
    }

    /** Target width, or 0 when images keep their size. */
    public int targetWidth() {
        return targetWidth;
    }

    /** The resize filter. */
    public Interpolation interpolation() {
        return interpolation;
    }

    /** Whether a centred crop to the target aspect ratio precedes the resize. */
    public boolean keepAspectRatio() {
        return keepAspectRatio;
    }

    /** The most pixels a decoded image may have. */
    public long maxPixels() {
        return maxPixels;
    }

    /** Loads one file; throws {@link ImageLoadException} naming the file if it cannot be read as an image. */
    public FloatImage load(Path path) {
        BufferedImage image;
        try {
            image = ImageIO.read(Files.newInputStream(path));
        } catch (IOException | RuntimeException e) {
            throw new ImageLoadException(path, "cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new ImageLoadException(path, "is not an image in a supported format");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        int c = colorMode.channels();
        float[] data = new float[h * w * c];
        for (int r = 0; r < h; r++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, r);
                int red = (argb >> 16) & 0xff;
                int green = (argb >> 8) & 0xff;
                int blue = argb & 0xff;
                int o = (r * w + x) * c;
                if (colorMode == ColorMode.GRAYSCALE) {
                    data[o] = (19595 * red + 38470 * green + 7471 * blue + 32768) >> 16;
                } else {
                    data[o] = red;
                    data[o + 1] = green;
                    data[o + 2] = blue;
                    if (c == 4) {
                        data[o + 3] = (argb >>> 24) & 0xff;
                    }
                }
            }
        }
        FloatImage decoded = new FloatImage(h, w, c, data);
        if (targetHeight == 0 || (targetHeight == h && targetWidth == w)) {
            return decoded;
        }
        return resizeNearest(decoded, targetHeight, targetWidth);
    }

    // Pillow: nearest uses an accumulated source position, starting at half a step.
    private static FloatImage resizeNearest(FloatImage in, int outH, int outW) {
        int[] rows = nearestIndices(in.height(), outH);
        int[] cols = nearestIndices(in.width(), outW);
        int c = in.channels();
        float[] src = in.data();
        float[] dst = new float[outH * outW * c];
        for (int r = 0; r < outH; r++) {
            for (int x = 0; x < outW; x++) {
                System.arraycopy(src, (rows[r] * in.width() + cols[x]) * c, dst, (r * outW + x) * c, c);
            }
        }
        return new FloatImage(outH, outW, c, dst);
    }

    private static int[] nearestIndices(int in, int out) {
        double scale = (double) in / out;
        double pos = 0.5 * scale;
        int[] idx = new int[out];
        for (int i = 0; i < out; i++) {
            idx[i] = Math.min(in - 1, (int) pos);
            pos += scale;
        }
        return idx;
    }

    /** Builds an {@link ImageLoader}; arguments are checked at {@link #build()}. */
    public static final class Builder {
        private ColorMode colorMode = ColorMode.RGB;
        private int targetHeight;
        private int targetWidth;
        private Interpolation interpolation = Interpolation.NEAREST;
        private boolean keepAspectRatio;
        private long maxPixels = DEFAULT_MAX_PIXELS;

        private Builder() {
        }

        /** Colour mode (default RGB). */
        public Builder colorMode(ColorMode colorMode) {
            this.colorMode = colorMode;
            return this;
        }

        /** Resize every image to height x width (Keras's {@code target_size}). */
        public Builder targetSize(int height, int width) {
            this.targetHeight = height;
            this.targetWidth = width;
            return this;
        }

        /** Resize filter (default NEAREST, as Keras). */
        public Builder interpolation(Interpolation interpolation) {
            this.interpolation = interpolation;
            return this;
        }

        /** Crop to the target aspect ratio, centred, before resizing (default false). */
        public Builder keepAspectRatio(boolean keepAspectRatio) {
            this.keepAspectRatio = keepAspectRatio;
            return this;
        }

        /** The most pixels a decoded image may have (default {@value #DEFAULT_MAX_PIXELS_TEXT}). */
        public Builder maxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        private static final String DEFAULT_MAX_PIXELS_TEXT = "89,478,485";

        /** Checks the settings and builds the loader. */
        public ImageLoader build() {
            if (colorMode == null) {
                throw new IllegalArgumentException("colorMode must be one of GRAYSCALE, RGB, RGBA, got null");
            }
            if (interpolation == null) {
                throw new IllegalArgumentException("interpolation must not be null");
            }
            if (targetHeight < 0 || targetWidth < 0 || (targetHeight == 0) != (targetWidth == 0)) {
                throw new IllegalArgumentException("targetSize must be two positive numbers (height, width), got "
                        + targetHeight + "x" + targetWidth);
            }
            if (maxPixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
            }
            return new ImageLoader(this);
        }
    }
}
