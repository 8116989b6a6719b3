package io.github.convscope.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Titles and captions: one line of text centred in a white band. */
final class TextBand {
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** The widest a picture is shown in the HTML report (its page column) before the browser scales it down. */
    static final int SHOWN_WIDTH = 1000;

    private TextBand() {
    }

    /**
     * The title font for a picture {@code pictureWidth} pixels wide: {@link #TITLE_FONT}, enlarged in proportion for a
     * picture wider than {@link #SHOWN_WIDTH}, so that the title still reads at 14 px once the picture is scaled to fit
     * a page (a 16-channel mosaic of 150x150 maps is 2,415 px wide).
     */
    static Font titleFont(int pictureWidth) {
        if (pictureWidth <= SHOWN_WIDTH) {
            return TITLE_FONT;
        }
        int size = (int) Math.min(96, Math.round(TITLE_FONT.getSize() * (double) pictureWidth / SHOWN_WIDTH));
        return TITLE_FONT.deriveFont((float) size);
    }

    /**
     * A white picture for content {@code contentWidth x contentHeight} under an optional title (null or empty: none),
     * with the title drawn in {@link #titleFont} and the content's place: at ({@code left}, {@code top}), centred.
     */
    static Canvas titled(String title, int contentWidth, int contentHeight) {
        if (title == null || title.isEmpty()) {
            return new Canvas(OutputFiles.whiteImage(contentWidth, contentHeight), 0, 0);
        }
        Font font = titleFont(contentWidth);
        int band = height(font);
        int width = Math.max(contentWidth, width(font, title));
        BufferedImage image = OutputFiles.whiteImage(width, band + contentHeight);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, font, title, 0, 0, width);
        } finally {
            g.dispose();
        }
        return new Canvas(image, (width - contentWidth) / 2, band);
    }

    /** A titled picture and where its content goes. */
    record Canvas(BufferedImage image, int left, int top) {
    }

    /** Height of a band holding one line of {@code font}, with padding. */
    static int height(Font font) {
        return metrics(font).getHeight() + 8;
    }

    /** Width {@code text} needs in {@code font}, with padding. */
    static int width(Font font, String text) {
        return metrics(font).stringWidth(text) + 16;
    }

    /** Draws {@code text} centred in the band at ({@code x}, {@code y}) of the given width and {@code font}'s height. */
    static void draw(Graphics2D g, Font font, String text, int x, int y, int bandWidth) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        int textX = x + Math.max(0, (bandWidth - fm.stringWidth(text)) / 2);
        g.drawString(text, textX, y + 4 + fm.getAscent());
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
