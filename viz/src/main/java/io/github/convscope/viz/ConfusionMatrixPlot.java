package io.github.convscope.viz;

import io.github.convscope.evaluation.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A confusion matrix as scikit-learn's {@code ConfusionMatrixDisplay} draws it: true classes down, predicted classes
 * across, cells coloured by count (viridis from 0 to the largest count) with the count written in each cell (white on
 * dark cells, black on light ones).
 *
 * <pre>{@code
 * ConfusionMatrixPlot.of(report.confusion()).title("Baseline model").save(out.resolve("confusion.svg"));
 * }</pre>
 *
 * <p>Immutable: each setting returns a new plot.
 */
public final class ConfusionMatrixPlot {
    private static final int CELL = 64;
    private static final int MARGIN = 12;
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font COUNT_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private final ConfusionMatrix matrix;
    private final Colormap colors;
    private final String title;

    private ConfusionMatrixPlot(ConfusionMatrix matrix, Colormap colors, String title) {
        this.matrix = matrix;
        this.colors = colors;
        this.title = title;
    }

    /**
     * A plot in viridis, titled "Confusion matrix".
     *
     * @param matrix the counts
     * @return the plot
     */
    public static ConfusionMatrixPlot of(ConfusionMatrix matrix) {
        if (matrix == null) {
            throw new IllegalArgumentException("matrix must not be null");
        }
        return new ConfusionMatrixPlot(matrix, Colormap.VIRIDIS, "Confusion matrix");
    }

    /**
     * @param value the cell colours
     * @return a new plot
     */
    public ConfusionMatrixPlot colormap(Colormap value) {
        if (value == null) {
            throw new IllegalArgumentException("colormap must not be null; use Colormap.VIRIDIS");
        }
        return new ConfusionMatrixPlot(matrix, value, title);
    }

    /**
     * @param text the title (null or empty: none)
     * @return a new plot
     */
    public ConfusionMatrixPlot title(String text) {
        return new ConfusionMatrixPlot(matrix, colors, text);
    }

    /** @return the plot rendered on white */
    public BufferedImage toBufferedImage() {
        int[] size = size();
        return Figure.render(size[0], size[1], this::paint);
    }

    /**
     * Writes the plot as PNG or SVG, by the extension of {@code path}; see the package notes on overwriting.
     *
     * @param path a {@code .png} or {@code .svg} file
     * @return the absolute path written
     * @throws IOException when writing fails or the file exists and is not ConvScope's
     */
    public Path save(Path path) throws IOException {
        int[] size = size();
        return Figure.save(path, size[0], size[1], this::paint);
    }

    private int labelWidth() {
        int w = TextBand.width(LABEL_FONT, "True label");
        for (String name : matrix.classNames()) {
            w = Math.max(w, TextBand.width(LABEL_FONT, name));
        }
        return w;
    }

    private int titleBand() {
        return title == null || title.isEmpty() ? 0 : TextBand.height(TextBand.TITLE_FONT);
    }

    private int[] size() {
        int k = matrix.numClasses();
        int labelBand = TextBand.height(LABEL_FONT);
        int width = MARGIN + labelBand + labelWidth() + k * CELL + MARGIN;
        width = Math.max(width, title == null ? 0 : TextBand.width(TextBand.TITLE_FONT, title));
        int height = titleBand() + k * CELL + 2 * labelBand + MARGIN;
        return new int[] {width, height};
    }

    private void paint(Graphics2D g) {
        int k = matrix.numClasses();
        int[][] counts = matrix.counts();
        int max = 0;
        for (int[] row : counts) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        int labelBand = TextBand.height(LABEL_FONT);
        int left = MARGIN + labelBand + labelWidth();
        int top = titleBand();
        if (titleBand() > 0) {
            TextBand.draw(g, TextBand.TITLE_FONT, title, 0, 0, size()[0]);
        }
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double unit = max == 0 ? 0 : counts[t][p] / (double) max;
                Color fill = new Color(colors.argb(unit));
                g.setColor(fill);
                g.fillRect(left + p * CELL, top + t * CELL, CELL, CELL);
                // scikit-learn: text colour flips where the cell colour is dark
                double luminance = (0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue()) / 255;
                g.setColor(luminance < 0.5 ? Color.WHITE : Color.BLACK);
                centred(g, COUNT_FONT, Integer.toString(counts[t][p]), left + p * CELL + CELL / 2,
                        top + t * CELL + CELL / 2);
            }
        }
        g.setColor(Color.BLACK);
        for (int i = 0; i < k; i++) {
            String name = matrix.classNames().get(i);
            FontMetrics fm = g.getFontMetrics(LABEL_FONT);
            g.setFont(LABEL_FONT);
            g.drawString(name, left - 6 - fm.stringWidth(name), top + i * CELL + CELL / 2 + fm.getAscent() / 2);
            centred(g, LABEL_FONT, name, left + i * CELL + CELL / 2, top + k * CELL + labelBand / 2);
        }
        centred(g, LABEL_FONT, "Predicted label", left + k * CELL / 2, top + k * CELL + labelBand + labelBand / 2);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, MARGIN + labelBand / 2.0, top + k * CELL / 2.0);
        centred(g, LABEL_FONT, "True label", MARGIN + labelBand / 2, top + k * CELL / 2);
        g.setTransform(saved);
    }

    private static void centred(Graphics2D g, Font font, String text, int cx, int cy) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics(font);
        g.drawString(text, cx - fm.stringWidth(text) / 2, cy + (fm.getAscent() - fm.getDescent()) / 2);
    }
}
