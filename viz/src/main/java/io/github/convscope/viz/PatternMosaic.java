package io.github.convscope.viz;

import io.github.convscope.explain.FilterPattern;
import io.github.convscope.image.FloatImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The filter patterns of a layer in a mosaic, each shown as Chollet's {@code deprocess_image} and captioned with its
 * filter index, as the "visualizing convnet filters" figure.
 *
 * <pre>{@code
 * List<FilterPattern> patterns = explainer.filterPatterns("conv2d_2", PatternSettings.DEFAULT);
 * PatternMosaic.of(patterns).save(out.resolve("patterns.png"));
 * }</pre>
 *
 * <p>Immutable: each setting returns a new mosaic.
 */
public final class PatternMosaic {
    private static final int GAP = 6;

    private final List<FilterPattern> patterns;
    private final int columns;
    private final int scale;
    private final String title;

    private PatternMosaic(List<FilterPattern> patterns, int columns, int scale, String title) {
        this.patterns = patterns;
        this.columns = columns;
        this.scale = scale;
        this.title = title;
    }

    /**
     * A mosaic of 8 patterns per row, titled with the layer name.
     *
     * @param patterns the patterns, all of one size
     * @return the mosaic
     */
    public static PatternMosaic of(List<FilterPattern> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("patterns must not be empty");
        }
        return new PatternMosaic(List.copyOf(patterns), 8, 1, "Filter patterns of " + patterns.get(0).layer());
    }

    /**
     * @param count patterns per row, at least 1
     * @return a new mosaic
     */
    public PatternMosaic columns(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + count);
        }
        return new PatternMosaic(patterns, count, scale, title);
    }

    /**
     * @param factor each pixel drawn as {@code factor x factor} pixels, 1 to 32
     * @return a new mosaic
     */
    public PatternMosaic scale(int factor) {
        if (factor < 1 || factor > 32) {
            throw new IllegalArgumentException("scale must be in [1, 32], got " + factor);
        }
        return new PatternMosaic(patterns, columns, factor, title);
    }

    /**
     * @param text the title (null or empty: none)
     * @return a new mosaic
     */
    public PatternMosaic title(String text) {
        return new PatternMosaic(patterns, columns, scale, text);
    }

    /** @return the mosaic rendered on white */
    public BufferedImage toBufferedImage() {
        TitledGrid grid = grid();
        return Figure.render(grid.width(), grid.height(), this::paint);
    }

    /**
     * Writes the mosaic as PNG or SVG, by the extension of {@code path}; see the package notes on overwriting.
     *
     * @param path a {@code .png} or {@code .svg} file
     * @return the absolute path written
     * @throws IOException when writing fails or the file exists and is not ConvScope's
     */
    public Path save(Path path) throws IOException {
        TitledGrid grid = grid();
        return Figure.save(path, grid.width(), grid.height(), this::paint);
    }

    private int[] cell() {
        long[] shape = patterns.get(0).image().shape();
        int w = Math.max((int) shape[1] * scale, TextBand.width(TextBand.CAPTION_FONT, "filter 000"));
        return new int[] {w, TextBand.height(TextBand.CAPTION_FONT) + (int) shape[0] * scale};
    }

    private TitledGrid grid() {
        int[] cell = cell();
        return new TitledGrid(title, patterns.size(), columns, cell[0], cell[1], GAP);
    }

    private void paint(Graphics2D g) {
        TitledGrid grid = grid();
        grid.drawTitle(g);
        for (int i = 0; i < patterns.size(); i++) {
            FilterPattern p = patterns.get(i);
            int x = grid.x(i);
            int y = grid.y(i);
            TextBand.draw(g, TextBand.CAPTION_FONT, "filter " + p.filter(), x, y, grid.cellWidth());
            INDArray shown = p.displayImage();
            long[] s = shown.shape();
            FloatImage image = new FloatImage((int) s[0], (int) s[1], (int) s[2], shown.dup('c').data().asFloat());
            BufferedImage tile = HeatmapOverlay.plain(s[2] == 1 || s[2] == 3 ? image : firstThree(image), scale);
            g.drawImage(tile, x + (grid.cellWidth() - tile.getWidth()) / 2, y + TextBand.height(TextBand.CAPTION_FONT), null);
        }
    }

    private static FloatImage firstThree(FloatImage image) {
        FloatImage out = new FloatImage(image.height(), image.width(), 1, new float[image.height() * image.width()]);
        for (int r = 0; r < image.height(); r++) {
            for (int c = 0; c < image.width(); c++) {
                out.set(r, c, 0, image.get(r, c, 0));
            }
        }
        return out;
    }
}
