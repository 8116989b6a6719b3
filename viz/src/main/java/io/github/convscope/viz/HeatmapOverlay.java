package io.github.convscope.viz;

import io.github.convscope.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A heat map (Grad-CAM, saliency) laid over its image: each pixel is {@code (1 - alpha) * image + alpha *
 * colormap(heat)}, as pytorch-grad-cam's {@code show_cam_on_image} and Chollet's superimposed Grad-CAM.
 *
 * <pre>{@code
 * Heatmaps cams = explainer.gradCam(images);
 * HeatmapOverlay.of(image, cams.map(0)).colormap(Colormap.JET).alpha(0.4).save(out.resolve("cam.png"));
 * }</pre>
 *
 * <p>The image is read as [0, 1] when its largest value is at most 1, else as [0, 255]; heat values are clipped to
 * [0, 1]. Immutable: each setting returns a new overlay.
 */
public final class HeatmapOverlay {
    /** Chollet's weight of the heat map in the blend. */
    public static final double DEFAULT_ALPHA = 0.4;

    private final FloatImage image;
    private final float[] heat;
    private final Colormap colors;
    private final double alpha;
    private final int scale;

    private HeatmapOverlay(FloatImage image, float[] heat, Colormap colors, double alpha, int scale) {
        this.image = image;
        this.heat = heat;
        this.colors = colors;
        this.alpha = alpha;
        this.scale = scale;
    }

    /**
     * An overlay in jet with alpha {@value #DEFAULT_ALPHA}.
     *
     * @param image HWC image, 1 or 3 channels
     * @param heat  {@code height * width} values in [0, 1], row-major, the image's size (copied)
     * @return the overlay
     * @throws IllegalArgumentException when the sizes differ
     */
    public static HeatmapOverlay of(FloatImage image, float[] heat) {
        if (heat.length != image.height() * image.width()) {
            throw new IllegalArgumentException("heat has " + heat.length + " values but the image is "
                    + image.height() + "x" + image.width() + "; give one value per pixel (upsampled maps)");
        }
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("image needs 1 or 3 channels, got " + image.channels());
        }
        return new HeatmapOverlay(image, heat.clone(), Colormap.JET, DEFAULT_ALPHA, 1);
    }

    /**
     * @param value the colours of the heat (e.g. {@link Colormap#JET}, {@link Colormap#VIRIDIS} or a user table)
     * @return a new overlay with that colormap
     */
    public HeatmapOverlay colormap(Colormap value) {
        if (value == null) {
            throw new IllegalArgumentException("colormap must not be null; use Colormap.JET or Colormap.VIRIDIS");
        }
        return new HeatmapOverlay(image, heat, value, alpha, scale);
    }

    /**
     * @param value the heat map's weight in [0, 1]: 0 shows the image only, 1 the heat map only
     * @return a new overlay with that weight
     */
    public HeatmapOverlay alpha(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("alpha must lie in [0, 1], got " + value);
        }
        return new HeatmapOverlay(image, heat, colors, value, scale);
    }

    /**
     * @param factor each pixel drawn as {@code factor x factor} pixels, 1 to 32
     * @return a new overlay at that scale
     */
    public HeatmapOverlay scale(int factor) {
        if (factor < 1 || factor > 32) {
            throw new IllegalArgumentException("scale must be in [1, 32], got " + factor);
        }
        return new HeatmapOverlay(image, heat, colors, alpha, factor);
    }

    /** @return the blended picture */
    public BufferedImage toBufferedImage() {
        return blend(image, heat, colors, alpha, scale);
    }

    /**
     * Writes the overlay as PNG or SVG, by the extension of {@code path}; see the package notes on overwriting.
     *
     * @param path a {@code .png} or {@code .svg} file
     * @return the absolute path written
     * @throws IOException when writing fails or the file exists and is not ConvScope's
     */
    public Path save(Path path) throws IOException {
        BufferedImage picture = toBufferedImage();
        return Figure.save(path, picture.getWidth(), picture.getHeight(), g -> g.drawImage(picture, 0, 0, null));
    }

    /** The blend of one image and its heat map, each pixel drawn {@code scale x scale}. */
    static BufferedImage blend(FloatImage image, float[] heat, Colormap colors, double alpha, int scale) {
        int h = image.height();
        int w = image.width();
        double max = maxOf(image) > 1f ? 255.0 : 1.0;
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int argb = colors.argb(Math.max(0, Math.min(1, heat[r * w + c])));
                int rgb = 0;
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    double pixel = image.get(r, c, image.channels() == 1 ? 0 : ch) / max;
                    double mapped = ((argb >> shift) & 0xFF) / 255.0;
                    double v = (1 - alpha) * Math.max(0, Math.min(1, pixel)) + alpha * mapped;
                    rgb |= ((int) Math.round(v * 255)) << shift;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(c * scale + dx, r * scale + dy, rgb);
                    }
                }
            }
        }
        return out;
    }

    /** One channel-less map painted through a colormap, values clipped to [0, 1]. */
    static BufferedImage paintMap(float[] values, int h, int w, Colormap colors, int scale) {
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int argb = colors.argb(Math.max(0, Math.min(1, values[r * w + c])));
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(c * scale + dx, r * scale + dy, argb);
                    }
                }
            }
        }
        return out;
    }

    /** The image itself, drawn {@code scale x scale}. */
    static BufferedImage plain(FloatImage image, int scale) {
        return blend(image, new float[image.height() * image.width()], Colormap.GRAY, 0, scale);
    }

    private static float maxOf(FloatImage image) {
        float max = 0;
        for (float v : image.data()) {
            max = Math.max(max, v);
        }
        return max;
    }
}
