package io.github.convscope.viz;

import io.github.convscope.inspect.FeatureMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every channel of one layer for one image as a mosaic, the lecture's {@code display_grid}: each channel scaled
 * with {@code x -= mean; x /= std; x *= 64; x += 128; clip to 0..255}, tiled {@code imagesPerRow} to a row with
 * 1-pixel separators, shown through viridis (as {@code plt.imshow(display_grid, cmap='viridis')}) under the layer
 * name.
 *
 * <pre>{@code
 * FeatureMapGrid.of(maps.get(0)).imagesPerRow(16).save(out.resolve("conv2d.png"));
 * List<Path> files = FeatureMapGrid.saveAll(maps, out);   // one mosaic per image-shaped layer
 * }</pre>
 *
 * <p>Immutable: each setting returns a new grid. Unlike the lecture, which drops the last
 * {@code channels % imagesPerRow} channels, every channel is shown; unused cells of the last row stay at 0.
 */
public final class FeatureMapGrid {
    /** The lecture's {@code images_per_row}. */
    public static final int DEFAULT_IMAGES_PER_ROW = 16;
    private static final Logger LOG = LoggerFactory.getLogger(FeatureMapGrid.class);

    private final FeatureMap map;
    private final int image;
    private final int imagesPerRow;
    private final int scale;
    private final String title;
    private final Colormap colormap;

    private FeatureMapGrid(FeatureMap map, int image, int imagesPerRow, int scale, String title, Colormap colormap) {
        this.map = map;
        this.image = image;
        this.imagesPerRow = imagesPerRow;
        this.scale = scale;
        this.title = title;
        this.colormap = colormap;
    }

    /** A grid of every channel of {@code map} for its first image; the map must be image-shaped. */
    public static FeatureMapGrid of(FeatureMap map) {
        if (!map.isSpatial()) {
            throw new IllegalArgumentException("layer '" + map.layerName() + "' is flat " + java.util.Arrays.toString(
                    map.shape()) + "; a feature-map grid needs an image-shaped layer");
        }
        return new FeatureMapGrid(map, 0, DEFAULT_IMAGES_PER_ROW, 0, map.layerName(), Colormap.VIRIDIS);
    }

    /** Renders one grid per image-shaped map (for image 0) into {@code dir} as {@code <layer name>.png}. */
    public static List<Path> saveAll(List<FeatureMap> maps, Path dir) throws IOException {
        return saveAll(maps, 0, dir);
    }

    /**
     * Renders one grid per image-shaped map, for batch index {@code image}, into {@code dir} as
     * {@code <layer name>.png}; flat layers (flatten, dense) are skipped. Returns the written files in map order.
     */
    public static List<Path> saveAll(List<FeatureMap> maps, int image, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (FeatureMap m : maps) {
            if (!m.isSpatial()) {
                LOG.debug("skipping flat layer {} {}", m.layerName(), java.util.Arrays.toString(m.shape()));
                continue;
            }
            String file = m.layerName().replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
            written.add(of(m).image(image).save(dir.resolve(file)));
        }
        return written;
    }

    /** A new grid showing batch index {@code index} (default 0). */
    public FeatureMapGrid image(int index) {
        if (index < 0 || index >= map.batchSize()) {
            throw new IllegalArgumentException("image must be in [0, " + map.batchSize() + "), got " + index);
        }
        return new FeatureMapGrid(map, index, imagesPerRow, scale, title, colormap);
    }

    /** A new grid with {@code count} channels per row (default {@value #DEFAULT_IMAGES_PER_ROW}). */
    public FeatureMapGrid imagesPerRow(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("imagesPerRow must be >= 1, got " + count);
        }
        return new FeatureMapGrid(map, image, count, scale, title, colormap);
    }

    /**
     * A new grid drawing each activation as {@code factor x factor} pixels; 0 (the default) picks
     * {@code max(1, round(64 / size))} so that small deep-layer maps stay visible.
     */
    public FeatureMapGrid scale(int factor) {
        if (factor < 0 || factor > 64) {
            throw new IllegalArgumentException("scale must be in [0, 64] (0 = automatic), got " + factor);
        }
        return new FeatureMapGrid(map, image, imagesPerRow, factor, title, colormap);
    }

    /** A new grid with another title (default: the layer name); null or empty draws none. */
    public FeatureMapGrid title(String text) {
        return new FeatureMapGrid(map, image, imagesPerRow, scale, text, colormap);
    }

    /** A new grid shown through {@code colors} (default {@link Colormap#VIRIDIS}, as the lecture). */
    public FeatureMapGrid colormap(Colormap colors) {
        if (colors == null) {
            throw new IllegalArgumentException("colormap must not be null");
        }
        return new FeatureMapGrid(map, image, imagesPerRow, scale, title, colors);
    }

    /** The scale factor used: the one set, or the automatic one. */
    public int effectiveScale() {
        return scale > 0 ? scale : Math.max(1, (int) Math.round(64.0 / Math.max(map.height(), map.width())));
    }

    /**
     * The mosaic's 0..255 values before colouring, {@code [row][column]}: channel {@code k} occupies the cell at row
     * {@code k / imagesPerRow}, column {@code k % imagesPerRow}; separators and unused cells are 0.
     */
    public int[][] values() {
        int h = map.height();
        int w = map.width();
        int channels = map.channels();
        int cols = Math.min(imagesPerRow, channels);
        int rows = (channels + imagesPerRow - 1) / imagesPerRow;
        int[][] grid = new int[rows * (h + 1) - 1][cols * (w + 1) - 1];
        for (int k = 0; k < channels; k++) {
            int[] scaled = ChannelScaling.toUint8(map.channelValues(image, k));
            int top = (k / imagesPerRow) * (h + 1);
            int left = (k % imagesPerRow) * (w + 1);
            for (int r = 0; r < h; r++) {
                System.arraycopy(scaled, r * w, grid[top + r], left, w);
            }
        }
        return grid;
    }

    /** Renders the titled mosaic. */
    public BufferedImage toBufferedImage() {
        int[][] grid = values();
        int s = effectiveScale();
        TextBand.Canvas canvas = TextBand.titled(title, grid[0].length * s, grid.length * s);
        Pixels.paint(canvas.image(), grid, s, canvas.left(), canvas.top(), colormap);
        return canvas.image();
    }

    /** Writes the mosaic as PNG ({@code path} must end in {@code .png}); see the package notes on overwriting. */
    public Path save(Path path) throws IOException {
        return OutputFiles.writePng(toBufferedImage(), path);
    }
}
