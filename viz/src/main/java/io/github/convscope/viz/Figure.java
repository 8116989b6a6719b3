package io.github.convscope.viz;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A picture painted once with Java2D and written as PNG or, by the same drawing commands, as SVG (text and shapes as
 * vectors, image tiles embedded as PNG).
 */
final class Figure {
    /** Paints a figure of a known size onto a white background. */
    interface Painter {
        void paint(Graphics2D g);
    }

    private Figure() {
    }

    /** Renders the figure as an RGB image. */
    static BufferedImage render(int width, int height, Painter painter) {
        BufferedImage image = OutputFiles.whiteImage(width, height);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            painter.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the figure as PNG or SVG, chosen by the extension of {@code path}. */
    static Path save(Path path, int width, int height, Painter painter) throws IOException {
        String ext = OutputFiles.extension(path);
        if (ext.equals("png")) {
            return OutputFiles.writePng(render(width, height, painter), path);
        }
        if (ext.equals("svg")) {
            VectorGraphics2D g = new VectorGraphics2D();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.paint(g);
            Document document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height));
            byte[] svg = OutputFiles.toBytes(document::writeTo);
            return OutputFiles.write(path, out -> out.write(OutputFiles.markSvg(svg)));
        }
        throw new IllegalArgumentException("path must end in .png or .svg, got " + path);
    }
}
