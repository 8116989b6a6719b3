package io.github.convscope.viz;

import java.awt.Graphics2D;

/**
 * The layout of a picture made of equal cells in rows, with a gap around every cell and an optional title band on
 * top (ExplanationGrid and PatternMosaic): its size, and where cell {@code i} starts.
 */
record TitledGrid(String title, int count, int columns, int cellWidth, int cellHeight, int gap) {
    TitledGrid {
        columns = Math.min(columns, count);
    }

    int rows() {
        return (count + columns - 1) / columns;
    }

    int width() {
        return columns * cellWidth + (columns + 1) * gap;
    }

    /** Height of the title band: 0 without a title. */
    int band() {
        return title == null || title.isEmpty() ? 0 : TextBand.height(TextBand.titleFont(width()));
    }

    int height() {
        return band() + rows() * cellHeight + (rows() + 1) * gap;
    }

    int x(int i) {
        return gap + (i % columns) * (cellWidth + gap);
    }

    int y(int i) {
        return band() + gap + (i / columns) * (cellHeight + gap);
    }

    /** Draws the title band, if any. */
    void drawTitle(Graphics2D g) {
        if (band() > 0) {
            TextBand.draw(g, TextBand.titleFont(width()), title, 0, 0, width());
        }
    }
}
