package io.github.convscope.image;

import java.nio.ByteBuffer;

/**
 * Pillow 9's {@code Image.resize(size, resample, box)} on 8-bit images, integer for integer: NEAREST through the
 * affine scaler, the other filters through the antialiased separable convolution with 22-bit fixed-point weights,
 * RGBA premultiplied around the convolution.
 */
final class PillowResize {
    // Pillow: PRECISION_BITS = 32 - 8 - 2
    private static final int PRECISION_BITS = 22;

    private PillowResize() {
    }

    /**
     * Resizes the region {@code box} = {x0, y0, x1, y1} of {@code in} to {@code outW} x {@code outH}; the box is the
     * whole image for a plain resize.
     */
    static ByteImage resize(ByteImage in, int outW, int outH, Interpolation interpolation, float[] box) {
        if (interpolation == Interpolation.NEAREST) {
            return nearest(in, outW, outH, box);
        }
        ResampleFilter filter = ResampleFilter.of(interpolation);
        if (in.channels() == 4) {
            // Pillow: RGBA is resized as RGBa (premultiplied) with any filter but NEAREST
            ByteImage premultiplied = new ByteImage(in.height(), in.width(), 4, ColorConversion.premultiply(in.data()));
            ByteImage out = convolve(premultiplied, outW, outH, filter, box);
            ColorConversion.unpremultiply(out.data());
            return out;
        }
        return convolve(in, outW, outH, filter, box);
    }

    // Pillow: nearest uses an accumulated source position starting half a step into the box (ImagingScaleAffine)
    private static ByteImage nearest(ByteImage in, int outW, int outH, float[] box) {
        return nearest(ByteBuffer.wrap(in.data()), in.height(), in.width(), in.channels(), outW, outH, box);
    }

    /**
     * NEAREST resize of the HWC pixels in {@code src} (absolute positions from 0), which may be a native buffer:
     * only the source rows that are sampled are read.
     */
    static ByteImage nearest(ByteBuffer src, int inH, int inW, int c, int outW, int outH, float[] box) {
        int[] cols = nearestIndices(box[0], box[2], outW, inW);
        int[] rows = nearestIndices(box[1], box[3], outH, inH);
        byte[] dst = new byte[outH * outW * c];
        int inRow = inW * c;
        byte[] row = new byte[inRow];
        int loaded = -1;
        for (int y = 0; y < outH; y++) {
            if (rows[y] < 0) {
                continue;
            }
            if (rows[y] != loaded) {
                loaded = rows[y];
                src.get(loaded * inRow, row);
            }
            int o = y * outW * c;
            if (c == 3) {
                for (int x = 0; x < outW; x++, o += 3) {
                    int col = cols[x];
                    if (col >= 0) {
                        int s = col * 3;
                        dst[o] = row[s];
                        dst[o + 1] = row[s + 1];
                        dst[o + 2] = row[s + 2];
                    }
                }
                continue;
            }
            for (int x = 0; x < outW; x++, o += c) {
                if (cols[x] >= 0) {
                    int s = cols[x] * c;
                    for (int k = 0; k < c; k++) {
                        dst[o + k] = row[s + k];
                    }
                }
            }
        }
        return new ByteImage(outH, outW, c, dst);
    }

    /** Source index per output index, -1 where Pillow would leave the (zero) fill. */
    private static int[] nearestIndices(float in0, float in1, int outSize, int inSize) {
        double step = (double) (in1 - in0) / outSize;
        double pos = in0 + step * 0.5;
        int[] index = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            int s = pos < 0.0 ? -1 : (int) pos;
            index[i] = s < inSize ? s : -1;
            pos += step;
        }
        return index;
    }

    private static ByteImage convolve(ByteImage in, int outW, int outH, ResampleFilter filter, float[] box) {
        // Pillow: each pass runs only if it changes something (note: box[2] is compared with the output width)
        boolean horizontal = outW != in.width() || box[0] != 0 || box[2] != outW;
        boolean vertical = outH != in.height() || box[1] != 0 || box[3] != outH;
        Coefficients cx = Coefficients.of(in.width(), box[0], box[2], outW, filter);
        Coefficients cy = Coefficients.of(in.height(), box[1], box[3], outH, filter);
        ByteImage image = in;
        if (horizontal) {
            // Pillow: the horizontal pass covers only the rows the vertical pass will read, stored as uint8
            int first = cy.bounds[0];
            int last = cy.bounds[outH * 2 - 2] + cy.bounds[outH * 2 - 1];
            image = horizontalPass(in, first, last, cx, outW);
            cy = cy.shifted(first);
        }
        if (vertical) {
            image = verticalPass(image, cy, outH);
        }
        return image == in ? new ByteImage(in.height(), in.width(), in.channels(), in.data().clone()) : image;
    }

    private static ByteImage horizontalPass(ByteImage in, int firstRow, int lastRow, Coefficients cx, int outW) {
        int c = in.channels();
        int rows = lastRow - firstRow;
        byte[] src = in.data();
        byte[] dst = new byte[rows * outW * c];
        int inRow = in.width() * c;
        int ksize = cx.ksize;
        int o = 0;
        for (int y = 0; y < rows; y++) {
            int rowStart = (y + firstRow) * inRow;
            for (int x = 0; x < outW; x++) {
                int xmin = cx.bounds[2 * x];
                int taps = cx.bounds[2 * x + 1];
                int k0 = x * ksize;
                int s0 = rowStart + xmin * c;
                for (int ch = 0; ch < c; ch++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int t = 0, s = s0 + ch; t < taps; t++, s += c) {
                        sum += (src[s] & 0xff) * cx.weights[k0 + t];
                    }
                    dst[o++] = clip8(sum);
                }
            }
        }
        return new ByteImage(rows, outW, c, dst);
    }

    private static ByteImage verticalPass(ByteImage in, Coefficients cy, int outH) {
        int rowLength = in.width() * in.channels();
        byte[] src = in.data();
        byte[] dst = new byte[outH * rowLength];
        int[] acc = new int[rowLength];
        for (int y = 0; y < outH; y++) {
            java.util.Arrays.fill(acc, 1 << (PRECISION_BITS - 1));
            int ymin = cy.bounds[2 * y];
            int taps = cy.bounds[2 * y + 1];
            for (int t = 0; t < taps; t++) {
                int weight = cy.weights[y * cy.ksize + t];
                int s = (ymin + t) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    acc[i] += (src[s + i] & 0xff) * weight;
                }
            }
            int o = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                dst[o + i] = clip8(acc[i]);
            }
        }
        return new ByteImage(outH, in.width(), in.channels(), dst);
    }

    // Pillow: clip8 of a fixed-point sum
    private static byte clip8(int sum) {
        if (sum >= (1 << PRECISION_BITS << 8)) {
            return (byte) 255;
        }
        if (sum <= 0) {
            return 0;
        }
        return (byte) (sum >> PRECISION_BITS);
    }

    /** Per output index: first source index, number of taps, and the fixed-point weights (Pillow precompute_coeffs). */
    private static final class Coefficients {
        final int ksize;
        final int[] bounds;
        final int[] weights;

        private Coefficients(int ksize, int[] bounds, int[] weights) {
            this.ksize = ksize;
            this.bounds = bounds;
            this.weights = weights;
        }

        static Coefficients of(int inSize, float in0, float in1, int outSize, ResampleFilter filter) {
            double scale = (double) (in1 - in0) / outSize;
            double filterScale = scale < 1.0 ? 1.0 : scale;
            double support = filter.support() * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            int[] weights = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = in0 + (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                // Pillow: window [trunc(center - support + 0.5), trunc(center + support + 0.5)) clamped to the image
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
                double sum = 0.0;
                for (int x = 0; x < xmax; x++) {
                    k[x] = filter.weight((x + xmin - center + 0.5) * ss);
                    sum += k[x];
                }
                for (int x = 0; x < xmax; x++) {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    // Pillow: normalize_coeffs_8bpc rounds half away from zero to 22 fractional bits
                    weights[xx * ksize + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
                            : 0.5 + w * (1 << PRECISION_BITS));
                }
                bounds[2 * xx] = xmin;
                bounds[2 * xx + 1] = Math.max(0, xmax);
            }
            return new Coefficients(ksize, bounds, weights);
        }

        /** The same coefficients with every first index moved down by {@code first} rows. */
        Coefficients shifted(int first) {
            int[] b = bounds.clone();
            for (int i = 0; i < b.length; i += 2) {
                b[i] -= first;
            }
            return new Coefficients(ksize, b, weights);
        }
    }
}
