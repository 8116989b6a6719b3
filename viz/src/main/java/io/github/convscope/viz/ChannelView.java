package io.github.convscope.viz;

import io.github.convscope.inspect.FeatureMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One activation channel as the lecture's {@code plt.matshow(activation[0, :, :, 4], cmap='viridis')}: raw values
 * mapped from their minimum to their maximum onto viridis, one square per activation (axes are not drawn).
 *
 * <pre>{@code
 * ChannelView.of(maps.get(0), 0, 4).save(out.resolve("conv2d-channel4.png"));
 * }</pre>
 *
 * <p>Immutable: each setting returns a new view.
 */
public final class ChannelView {
    private final float[] values;
    private final int height;
    private final int width;
    private final int scale;
    private final String title;
    private final Colormap colormap;

    private ChannelView(float[] values, int height, int width, int scale, String title, Colormap colormap) {
        this.values = values;
        this.height = height;
        this.width = width;
        this.scale = scale;
        this.title = title;
        this.colormap = colormap;
    }

    /** Channel {@code channel} of batch index {@code image} of an image-shaped layer, titled "layer, channel c". */
    public static ChannelView of(FeatureMap map, int image, int channel) {
        float[] v = map.channelValues(image, channel);
        return new ChannelView(v, map.height(), map.width(), 0, map.layerName() + ", channel " + channel,
                Colormap.VIRIDIS);
    }

    /** A row-major {@code height x width} array of values (copied), untitled. */
    public static ChannelView of(float[] values, int height, int width) {
        if (height < 1 || width < 1 || values.length != (long) height * width) {
            throw new IllegalArgumentException("values must hold height*width = " + ((long) height * width)
                    + " numbers for height " + height + " and width " + width + ", got " + values.length);
        }
        return new ChannelView(values.clone(), height, width, 0, null, Colormap.VIRIDIS);
    }

    /**
     * A new view drawing each activation as {@code factor x factor} pixels; 0 (the default) picks
     * {@code max(1, round(256 / size))}.
     */
    public ChannelView scale(int factor) {
        if (factor < 0 || factor > 256) {
            throw new IllegalArgumentException("scale must be in [0, 256] (0 = automatic), got " + factor);
        }
        return new ChannelView(values, height, width, factor, title, colormap);
    }

    /** A new view with another title; null or empty draws none. */
    public ChannelView title(String text) {
        return new ChannelView(values, height, width, scale, text, colormap);
    }

    /** A new view through {@code colors} (default {@link Colormap#VIRIDIS}). */
    public ChannelView colormap(Colormap colors) {
        if (colors == null) {
            throw new IllegalArgumentException("colormap must not be null");
        }
        return new ChannelView(values, height, width, scale, title, colors);
    }

    /** The scale factor used: the one set, or the automatic one. */
    public int effectiveScale() {
        return scale > 0 ? scale : Math.max(1, (int) Math.round(256.0 / Math.max(height, width)));
    }

    /** Renders the channel (with its title band, if any). */
    public BufferedImage toBufferedImage() {
        int s = effectiveScale();
        TextBand.Canvas canvas = TextBand.titled(title, width * s, height * s);
        Pixels.paint(canvas.image(), values, height, width, s, canvas.left(), canvas.top(), colormap);
        return canvas.image();
    }

    /** Writes the view as PNG ({@code path} must end in {@code .png}); see the package notes on overwriting. */
    public Path save(Path path) throws IOException {
        return OutputFiles.writePng(toBufferedImage(), path);
    }
}
