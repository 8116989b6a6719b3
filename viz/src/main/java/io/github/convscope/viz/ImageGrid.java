package io.github.convscope.viz;

import io.github.convscope.image.FloatImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Images in rows and columns with optional captions: the lecture's strip of five training images, or of five
 * augmentations of one image.
 *
 * <pre>{@code
 * ImageGrid.of(batch.getFeatures()).captions(List.of("cat", "dog", "dog", "cat", "cat")).save(out.resolve("s.png"));
 * }</pre>
 *
 * <p>Pixel values: with {@link #maxValue(double)} unset, images whose largest value is at most 1 are read as
 * [0, 1] (after {@code rescale=1/255}) and others as [0, 255]; values outside are clipped. One channel is grey,
 * three are RGB, a fourth (alpha) is ignored. Immutable: each setting returns a new grid.
 */
public final class ImageGrid {
    private static final int GAP = 8;

    private final List<FloatImage> images;
    private final int columns;
    private final List<String> captions;
    private final int scale;
    private final double maxValue;

    private ImageGrid(List<FloatImage> images, int columns, List<String> captions, int scale, double maxValue) {
        this.images = images;
        this.columns = columns;
        this.captions = captions;
        this.scale = scale;
        this.maxValue = maxValue;
    }

    /** A one-row grid of {@code images} (HWC, 1, 3 or 4 channels). */
    public static ImageGrid of(List<FloatImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("images must not be empty");
        }
        for (FloatImage image : images) {
            if (image.channels() != 1 && image.channels() != 3 && image.channels() != 4) {
                throw new IllegalArgumentException("images need 1, 3 or 4 channels, got " + image);
            }
        }
        return new ImageGrid(List.copyOf(images), images.size(), List.of(), 1, Double.NaN);
    }

    /** A one-row grid of an NHWC batch {@code [batch, height, width, channels]} (values copied). */
    public static ImageGrid of(INDArray nhwc) {
        return of(split(nhwc));
    }

    /** The images of an NHWC batch {@code [batch, height, width, channels]}, copied out one by one. */
    static List<FloatImage> split(INDArray nhwc) {
        if (nhwc.rank() != 4 || nhwc.size(0) < 1) {
            throw new IllegalArgumentException("images must be NHWC [batch, height, width, channels], got shape "
                    + java.util.Arrays.toString(nhwc.shape()));
        }
        List<FloatImage> list = new ArrayList<>();
        int h = (int) nhwc.size(1);
        int w = (int) nhwc.size(2);
        int c = (int) nhwc.size(3);
        for (int i = 0; i < nhwc.size(0); i++) {
            INDArray one = nhwc.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .dup('c').reshape('c', new long[] {(long) h * w * c});
            list.add(new FloatImage(h, w, c, one.toFloatVector()));
        }
        return list;
    }

    /** A new grid with {@code count} images per row (default: all in one row). */
    public ImageGrid columns(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + count);
        }
        return new ImageGrid(images, count, captions, scale, maxValue);
    }

    /** A new grid with one caption (e.g. the class name) above each image; needs one caption per image. */
    public ImageGrid captions(List<String> texts) {
        if (texts.size() != images.size()) {
            throw new IllegalArgumentException("captions needs one text per image: " + images.size() + " images, got "
                    + texts.size() + " captions");
        }
        return new ImageGrid(images, columns, List.copyOf(texts), scale, maxValue);
    }

    /** A new grid drawing each pixel as {@code factor x factor} pixels (default 1). */
    public ImageGrid scale(int factor) {
        if (factor < 1 || factor > 32) {
            throw new IllegalArgumentException("scale must be in [1, 32], got " + factor);
        }
        return new ImageGrid(images, columns, captions, factor, maxValue);
    }

    /** A new grid reading pixel values as [0, {@code max}] (e.g. 1 or 255) instead of detecting the range. */
    public ImageGrid maxValue(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("maxValue must be a positive finite number, got " + max);
        }
        return new ImageGrid(images, columns, captions, scale, max);
    }

    /** The value read as full intensity: the one set, or 1 when every value is at most 1, else 255. */
    public double effectiveMaxValue() {
        if (!Double.isNaN(maxValue)) {
            return maxValue;
        }
        for (FloatImage image : images) {
            for (float v : image.data()) {
                if (v > 1f) {
                    return 255.0;
                }
            }
        }
        return 1.0;
    }

    /** Renders the grid on white. */
    public BufferedImage toBufferedImage() {
        int cellW = 0;
        int cellH = 0;
        for (FloatImage image : images) {
            cellW = Math.max(cellW, image.width() * scale);
            cellH = Math.max(cellH, image.height() * scale);
        }
        int band = captions.isEmpty() ? 0 : TextBand.height(TextBand.CAPTION_FONT);
        for (String caption : captions) {
            cellW = Math.max(cellW, TextBand.width(TextBand.CAPTION_FONT, caption));
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int width = cols * cellW + (cols + 1) * GAP;
        int height = rows * (cellH + band) + (rows + 1) * GAP;
        BufferedImage out = OutputFiles.whiteImage(width, height);
        Graphics2D g = out.createGraphics();
        double max = effectiveMaxValue();
        for (int i = 0; i < images.size(); i++) {
            int x = GAP + (i % cols) * (cellW + GAP);
            int y = GAP + (i / cols) * (cellH + band + GAP);
            FloatImage image = images.get(i);
            if (!captions.isEmpty()) {
                TextBand.draw(g, TextBand.CAPTION_FONT, captions.get(i), x, y, cellW);
            }
            draw(out, image, x + (cellW - image.width() * scale) / 2, y + band, max);
        }
        g.dispose();
        return out;
    }

    /** Writes the grid as PNG ({@code path} must end in {@code .png}); see the package notes on overwriting. */
    public Path save(Path path) throws IOException {
        return OutputFiles.writePng(toBufferedImage(), path);
    }

    private void draw(BufferedImage out, FloatImage image, int left, int top, double max) {
        int c = image.channels();
        for (int r = 0; r < image.height(); r++) {
            for (int col = 0; col < image.width(); col++) {
                int red = toByte(image.get(r, col, 0), max);
                int green = c >= 3 ? toByte(image.get(r, col, 1), max) : red;
                int blue = c >= 3 ? toByte(image.get(r, col, 2), max) : red;
                int argb = 0xFF000000 | (red << 16) | (green << 8) | blue;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(left + col * scale + dx, top + r * scale + dy, argb);
                    }
                }
            }
        }
    }

    private static int toByte(float value, double max) {
        double unit = Math.max(0.0, Math.min(1.0, value / max));
        // matplotlib to_rgba(bytes=True) on float RGB: (x * 255).astype(uint8), i.e. truncation.
        return (int) (unit * 255);
    }
}
