package io.github.convscope.viz;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.github.convscope.model.History;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lecture's training figure: "Training and validation accuracy" next to "Training and validation loss", training
 * as blue dots ({@code 'bo'}) and validation as a blue line ({@code 'b'}) over epochs 1..n, drawn with XChart.
 *
 * <pre>{@code
 * TrainingCurves.of(history).save(out.resolve("curves.png"));   // or "curves.svg"
 * }</pre>
 *
 * <p>A panel is drawn for accuracy ({@code accuracy} or Keras 1's {@code acc}) and for {@code loss} when the
 * history has them; the {@code val_} series is added when present. Immutable: {@link #size} returns a new object.
 */
public final class TrainingCurves {
    /** Default size of the whole figure (both panels), in pixels. */
    public static final int DEFAULT_WIDTH = 1200;
    /** Default height, in pixels. */
    public static final int DEFAULT_HEIGHT = 450;

    private final History history;
    private final int width;
    private final int height;

    private TrainingCurves(History history, int width, int height) {
        this.history = history;
        this.width = width;
        this.height = height;
    }

    /** The curves of {@code history}; it needs at least one epoch and an accuracy or a loss key. */
    public static TrainingCurves of(History history) {
        if (history.epochs() == 0) {
            throw new IllegalArgumentException("history has no epochs to plot");
        }
        if (accuracyKey(history) == null && !history.has("loss")) {
            throw new IllegalArgumentException("history has neither accuracy nor loss; keys: " + history.keys());
        }
        return new TrainingCurves(history, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** A new figure of {@code width x height} pixels (both panels together). */
    public TrainingCurves size(int width, int height) {
        if (width < 200 || width > 10000 || height < 150 || height > 10000) {
            throw new IllegalArgumentException("size must be width in [200, 10000] and height in [150, 10000], got "
                    + width + "x" + height);
        }
        return new TrainingCurves(history, width, height);
    }

    /** The panels as XChart charts (accuracy first, then loss), for users who want to restyle them. */
    public List<XYChart> charts() {
        List<XYChart> charts = new ArrayList<>();
        String accuracy = accuracyKey(history);
        if (accuracy != null) {
            charts.add(panel("accuracy", "Accuracy", accuracy));
        }
        if (history.has("loss")) {
            charts.add(panel("loss", "Loss", "loss"));
        }
        return charts;
    }

    /** Renders the figure. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = OutputFiles.whiteImage(width, height);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        return image;
    }

    /**
     * Writes the figure as PNG or SVG, chosen by the extension of {@code path} ({@code .png} or {@code .svg}); see the
     * package notes on overwriting.
     */
    public Path save(Path path) throws IOException {
        String ext = OutputFiles.extension(path);
        if (ext.equals("png")) {
            return OutputFiles.writePng(toBufferedImage(), path);
        }
        if (ext.equals("svg")) {
            return OutputFiles.write(path, out -> out.write(OutputFiles.markSvg(svg())));
        }
        throw new IllegalArgumentException("path must end in .png or .svg, got " + path);
    }

    private byte[] svg() throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        Document document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height));
        return OutputFiles.toBytes(document::writeTo);
    }

    private void paint(Graphics2D g) {
        List<XYChart> charts = charts();
        int panelWidth = width / charts.size();
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create(i * panelWidth, 0, panelWidth, height);
            charts.get(i).paint(panel, panelWidth, height);
            panel.dispose();
        }
    }

    private XYChart panel(String what, String axis, String key) {
        XYChart chart = new XYChartBuilder().width(width / 2).height(height)
                .title("Training and validation " + what).xAxisTitle("Epochs").yAxisTitle(axis).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartTitleBoxVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setPlotBorderColor(Color.BLACK);
        // Epochs are whole numbers, counted from 1 as in the lecture's range(1, len(acc) + 1).
        chart.getStyler().setxAxisTickLabelsFormattingFunction(
                x -> Math.abs(x - Math.rint(x)) < 1e-9 ? String.valueOf(Math.round(x)) : "");
        double[] values = history.get(key);
        double[] epochs = new double[values.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        XYSeries train = chart.addSeries("Training " + what, epochs, values);
        train.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        train.setMarker(SeriesMarkers.CIRCLE);
        train.setMarkerColor(Color.BLUE);
        if (history.has("val_" + key)) {
            XYSeries val = chart.addSeries("Validation " + what, epochs, history.get("val_" + key));
            val.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            val.setMarker(SeriesMarkers.NONE);
            val.setLineColor(Color.BLUE);
        }
        return chart;
    }

    private static String accuracyKey(History history) {
        return history.has("accuracy") ? "accuracy" : history.has("acc") ? "acc" : null;
    }
}
