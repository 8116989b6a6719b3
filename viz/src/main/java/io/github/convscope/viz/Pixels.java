package io.github.convscope.viz;

import java.awt.image.BufferedImage;

/** Paints value grids through a colormap, as matplotlib's {@code imshow}/{@code matshow} with default limits. */
final class Pixels {
    private Pixels() {
    }

    /**
     * Paints {@code values[row][col]} into {@code out} at ({@code left}, {@code top}), each value as a
     * {@code scale x scale} block, normalised from the grid's minimum to its maximum (matplotlib's {@code Normalize};
     * a constant grid maps to the first colour, as matplotlib does when vmin == vmax).
     */
    static void paint(BufferedImage out, int[][] values, int scale, int left, int top, Colormap colors) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int[] row : values) {
            for (int v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max - min;
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                int argb = colors.argb(range == 0 ? 0 : (values[r][c] - min) / range);
                fill(out, left + c * scale, top + r * scale, scale, argb);
            }
        }
    }

    /** Same as {@link #paint(BufferedImage, int[][], int, int, int, Colormap)} for float values (NaN: first colour). */
    static void paint(BufferedImage out, float[] values, int height, int width, int scale, int left, int top,
            Colormap colors) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = max - min;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                float v = values[r * width + c];
                int argb = colors.argb(range == 0 || Double.isNaN(range) ? 0 : (v - min) / range);
                fill(out, left + c * scale, top + r * scale, scale, argb);
            }
        }
    }

    private static void fill(BufferedImage out, int x, int y, int scale, int argb) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                out.setRGB(x + dx, y + dy, argb);
            }
        }
    }
}
