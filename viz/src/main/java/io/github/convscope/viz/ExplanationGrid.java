package io.github.convscope.viz;

import io.github.convscope.explain.Heatmaps;
import io.github.convscope.explain.Mistake;
import io.github.convscope.explain.SaliencyMaps;
import io.github.convscope.image.FloatImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Why the model decided, image by image: each image beside its Grad-CAM overlay (and, when given, its saliency map),
 * under a caption; groups laid out in rows. The "errors" grid is the same picture of the most confidently wrong
 * images, captioned with the true class, the predicted class and its probability.
 *
 * <pre>{@code
 * Heatmaps cams = explainer.gradCam(images);
 * ExplanationGrid.of(images, cams).saliency(explainer.saliency(images)).save(out.resolve("why.png"));
 * }</pre>
 *
 * <p>Immutable: each setting returns a new grid.
 */
public final class ExplanationGrid {
    private static final int TILE_GAP = 4;
    private static final int GROUP_GAP = 14;

    private final List<FloatImage> images;
    private final List<float[]> cams;
    private final List<float[]> saliency;
    private final List<String> captions;
    private final Colormap colors;
    private final double alpha;
    private final int scale;
    private final int columns;
    private final String title;

    private ExplanationGrid(List<FloatImage> images, List<float[]> cams, List<float[]> saliency, List<String> captions,
                            Colormap colors, double alpha, int scale, int columns, String title) {
        this.images = images;
        this.cams = cams;
        this.saliency = saliency;
        this.captions = captions;
        this.colors = colors;
        this.alpha = alpha;
        this.scale = scale;
        this.columns = columns;
        this.title = title;
    }

    /**
     * A grid of images and their Grad-CAM overlays, captioned "class k (probability)".
     *
     * @param images NHWC {@code [n, height, width, channels]}, the explained batch
     * @param cams   their heat maps, at the images' size
     * @return the grid, 4 groups per row
     */
    public static ExplanationGrid of(INDArray images, Heatmaps cams) {
        List<FloatImage> list = ImageGrid.split(images);
        if (list.size() != cams.size() || cams.height() != list.get(0).height()
                || cams.width() != list.get(0).width()) {
            throw new IllegalArgumentException("cams must hold one map of the images' size per image: " + list.size()
                    + " images of " + list.get(0).height() + "x" + list.get(0).width() + ", got " + cams.size()
                    + " maps of " + cams.height() + "x" + cams.width());
        }
        List<float[]> maps = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < cams.size(); i++) {
            maps.add(cams.map(i));
            captions.add(String.format(Locale.ROOT, "class %d (%.2f)", cams.classes()[i], cams.probabilityOfClass(i)));
        }
        return new ExplanationGrid(list, maps, List.of(), captions, Colormap.JET, HeatmapOverlay.DEFAULT_ALPHA, 1, 4,
                null);
    }

    /**
     * The errors grid: the most confidently wrong images with their Grad-CAM (of the predicted class).
     *
     * @param images     NHWC, the mistaken images in the order of {@code mistakes}
     * @param mistakes   from {@link Mistake#mostConfident}
     * @param cams       the images' heat maps
     * @param classNames the class names, by index
     * @return the grid, captioned "true X / predicted Y 0.97"
     */
    public static ExplanationGrid errors(INDArray images, List<Mistake> mistakes, Heatmaps cams,
                                         List<String> classNames) {
        ExplanationGrid grid = of(images, cams);
        if (mistakes.size() != grid.images.size()) {
            throw new IllegalArgumentException("mistakes has " + mistakes.size() + " entries for "
                    + grid.images.size() + " images; give the images of the mistakes, in order");
        }
        List<String> captions = new ArrayList<>();
        for (Mistake m : mistakes) {
            captions.add(String.format(Locale.ROOT, "true %s / predicted %s %.2f", classNames.get(m.trueClass()),
                    classNames.get(m.predictedClass()), m.probability()));
        }
        return grid.captions(captions).title("Most confidently wrong");
    }

    /**
     * @param maps saliency maps of the same images, shown normalised in grey beside each overlay
     * @return a new grid with a saliency column
     */
    public ExplanationGrid saliency(SaliencyMaps maps) {
        if (maps.maps().size(0) != images.size()) {
            throw new IllegalArgumentException("saliency has " + maps.maps().size(0) + " maps for " + images.size()
                    + " images");
        }
        List<float[]> list = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            list.add(maps.normalizedMap(i));
        }
        return new ExplanationGrid(images, cams, list, captions, colors, alpha, scale, columns, title);
    }

    /**
     * @param texts one caption per image
     * @return a new grid with these captions
     */
    public ExplanationGrid captions(List<String> texts) {
        if (texts.size() != images.size()) {
            throw new IllegalArgumentException("captions needs one text per image: " + images.size() + " images, got "
                    + texts.size());
        }
        return new ExplanationGrid(images, cams, saliency, List.copyOf(texts), colors, alpha, scale, columns, title);
    }

    /**
     * @param value the heat map's colours (default {@link Colormap#JET})
     * @return a new grid with that colormap
     */
    public ExplanationGrid colormap(Colormap value) {
        HeatmapOverlay.of(images.get(0), cams.get(0)).colormap(value);
        return new ExplanationGrid(images, cams, saliency, captions, value, alpha, scale, columns, title);
    }

    /**
     * @param value the heat map's weight in [0, 1] (default {@value HeatmapOverlay#DEFAULT_ALPHA})
     * @return a new grid with that weight
     */
    public ExplanationGrid alpha(double value) {
        HeatmapOverlay.of(images.get(0), cams.get(0)).alpha(value);
        return new ExplanationGrid(images, cams, saliency, captions, colors, value, scale, columns, title);
    }

    /**
     * @param factor each pixel drawn as {@code factor x factor} pixels, 1 to 32
     * @return a new grid at that scale
     */
    public ExplanationGrid scale(int factor) {
        HeatmapOverlay.of(images.get(0), cams.get(0)).scale(factor);
        return new ExplanationGrid(images, cams, saliency, captions, colors, alpha, factor, columns, title);
    }

    /**
     * @param count image groups per row, at least 1
     * @return a new grid with that many groups per row
     */
    public ExplanationGrid columns(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + count);
        }
        return new ExplanationGrid(images, cams, saliency, captions, colors, alpha, scale, count, title);
    }

    /**
     * @param text a title above the grid (null or empty: none)
     * @return a new grid with that title
     */
    public ExplanationGrid title(String text) {
        return new ExplanationGrid(images, cams, saliency, captions, colors, alpha, scale, columns, text);
    }

    /** @return the grid rendered on white */
    public BufferedImage toBufferedImage() {
        TitledGrid grid = grid();
        return Figure.render(grid.width(), grid.height(), this::paint);
    }

    /**
     * Writes the grid as PNG or SVG, by the extension of {@code path}; see the package notes on overwriting.
     *
     * @param path a {@code .png} or {@code .svg} file
     * @return the absolute path written
     * @throws IOException when writing fails or the file exists and is not ConvScope's
     */
    public Path save(Path path) throws IOException {
        TitledGrid grid = grid();
        return Figure.save(path, grid.width(), grid.height(), this::paint);
    }

    private int tiles() {
        return saliency.isEmpty() ? 2 : 3;
    }

    private int[] cell() {
        int tileW = images.get(0).width() * scale;
        int groupW = tiles() * tileW + (tiles() - 1) * TILE_GAP;
        for (String caption : captions) {
            groupW = Math.max(groupW, TextBand.width(TextBand.CAPTION_FONT, caption));
        }
        int groupH = TextBand.height(TextBand.CAPTION_FONT) + images.get(0).height() * scale;
        return new int[] {groupW, groupH};
    }

    private TitledGrid grid() {
        int[] cell = cell();
        return new TitledGrid(title, images.size(), columns, cell[0], cell[1], GROUP_GAP);
    }

    private void paint(Graphics2D g) {
        TitledGrid grid = grid();
        grid.drawTitle(g);
        int[] cell = {grid.cellWidth(), grid.cellHeight()};
        int tileW = images.get(0).width() * scale;
        int captionH = TextBand.height(TextBand.CAPTION_FONT);
        for (int i = 0; i < images.size(); i++) {
            int x = grid.x(i);
            int y = grid.y(i);
            TextBand.draw(g, TextBand.CAPTION_FONT, captions.get(i), x, y, cell[0]);
            int left = x + (cell[0] - (tiles() * tileW + (tiles() - 1) * TILE_GAP)) / 2;
            FloatImage image = images.get(i);
            g.drawImage(HeatmapOverlay.plain(image, scale), left, y + captionH, null);
            g.drawImage(HeatmapOverlay.blend(image, cams.get(i), colors, alpha, scale), left + tileW + TILE_GAP,
                    y + captionH, null);
            if (!saliency.isEmpty()) {
                g.drawImage(HeatmapOverlay.paintMap(saliency.get(i), image.height(), image.width(), Colormap.GRAY,
                        scale), left + 2 * (tileW + TILE_GAP), y + captionH, null);
            }
        }
    }
}
