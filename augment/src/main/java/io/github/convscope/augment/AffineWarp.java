package io.github.convscope.augment;

/**
 * Keras 1.1.0's {@code apply_affine_transform} sampled like {@code scipy.ndimage.affine_transform} (SciPy 1.10,
 * spline orders 0 and 1), written out so that it matches value for value and runs in one pass over the pixels.
 *
 * <p>The matrix is composed in (row, column) index space as M = R·T·Sh·Z with only the non-neutral factors, centred
 * at (h/2 + 0.5, w/2 + 0.5), and used as a pull map: input = A·output + b. Coordinates are doubles computed as SciPy
 * does, each output pixel is interpolated once for all channels, and the result is stored as float32.
 */
final class AffineWarp {
    private static final double DEG_TO_RAD = Math.PI / 180.0; // NumPy deg2rad: x * (pi / 180)

    private AffineWarp() {
    }

    /**
     * The pull matrix {a00, a01, b0, a10, a11, b1} for an image of {@code height} x {@code width}, or {@code null}
     * when the parameters are neutral and Keras skips the warp.
     */
    static double[] pullMatrix(TransformParameters p, int height, int width) {
        double[][] m = null;
        if (p.theta() != 0) {
            double t = p.theta() * DEG_TO_RAD;
            double c = StrictMath.cos(t);
            double s = StrictMath.sin(t);
            m = new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
        }
        if (p.tx() != 0 || p.ty() != 0) {
            m = times(m, new double[][] {{1, 0, p.tx()}, {0, 1, p.ty()}, {0, 0, 1}});
        }
        if (p.shear() != 0) {
            double s = p.shear() * DEG_TO_RAD;
            m = times(m, new double[][] {{1, -StrictMath.sin(s), 0}, {0, StrictMath.cos(s), 0}, {0, 0, 1}});
        }
        if (p.zx() != 1 || p.zy() != 1) {
            m = times(m, new double[][] {{p.zx(), 0, 0}, {0, p.zy(), 0}, {0, 0, 1}});
        }
        if (m == null) {
            return null;
        }
        // Keras 1.1.0 transform_matrix_offset_center: o = (h / 2 + 0.5, w / 2 + 0.5), F = T(o) · M · T(-o)
        double ox = (double) height / 2 + 0.5;
        double oy = (double) width / 2 + 0.5;
        double[][] offset = {{1, 0, ox}, {0, 1, oy}, {0, 0, 1}};
        double[][] reset = {{1, 0, -ox}, {0, 1, -oy}, {0, 0, 1}};
        double[][] f = times(times(offset, m), reset);
        return new double[] {f[0][0], f[0][1], f[0][2], f[1][0], f[1][1], f[1][2]};
    }

    /** A plain 3x3 product, each entry summed left to right without fused multiply-add. */
    private static double[][] times(double[][] a, double[][] b) {
        if (a == null) {
            return b;
        }
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = a[i][0] * b[0][j];
                sum = sum + a[i][1] * b[1][j];
                sum = sum + a[i][2] * b[2][j];
                c[i][j] = sum;
            }
        }
        return c;
    }

    /**
     * Warps {@code src} (HWC) with the pull matrix into {@code dst} (same shape), writing output pixel (r, c) at the
     * row {@code h-1-r} when {@code flipVertical} and column {@code w-1-c} when {@code flipHorizontal}: Keras flips
     * after the warp and the channel shift, which commutes with flipping.
     */
    static void warp(float[] src, float[] dst, int h, int w, int channels, double[] m, int order, FillMode mode,
                     float cval, boolean flipHorizontal, boolean flipVertical) {
        double a00 = m[0];
        double a01 = m[1];
        double b0 = m[2];
        double a10 = m[3];
        double a11 = m[4];
        double b1 = m[5];
        int rowStride = w * channels;
        for (int r = 0; r < h; r++) {
            int outRow = flipVertical ? h - 1 - r : r;
            double rowPart0 = 0.0 + r * a00; // SciPy: t = 0; t += r * A[0][0]; t += c * A[0][1]; t + shift[0]
            double rowPart1 = 0.0 + r * a10;
            for (int c = 0; c < w; c++) {
                int outCol = flipHorizontal ? w - 1 - c : c;
                int out = outRow * rowStride + outCol * channels;
                double y = mapCoordinate((rowPart0 + c * a01) + b0, h, mode);
                double x = mapCoordinate((rowPart1 + c * a11) + b1, w, mode);
                // SciPy: a position mapped to -1 (outside in 'constant' mode) gives cval for the whole pixel
                if (y <= -1.0 || x <= -1.0) {
                    for (int ch = 0; ch < channels; ch++) {
                        dst[out + ch] = cval;
                    }
                    continue;
                }
                if (order == 0) {
                    // SciPy order 0: index floor(x + 0.5), ties round up
                    int iy = tap((long) Math.floor(y + 0.5), h, mode);
                    int ix = tap((long) Math.floor(x + 0.5), w, mode);
                    System.arraycopy(src, iy * rowStride + ix * channels, dst, out, channels);
                    continue;
                }
                double fy = Math.floor(y);
                double fx = Math.floor(x);
                // SciPy spline weights, order 1: w0 = 1 - f, w1 = 1 - w0
                double wy0 = 1.0 - (y - fy);
                double wy1 = 1.0 - wy0;
                double wx0 = 1.0 - (x - fx);
                double wx1 = 1.0 - wx0;
                long sy = (long) fy;
                long sx = (long) fx;
                int r0 = tap(sy, h, mode) * rowStride;
                int r1 = tap(sy + 1, h, mode) * rowStride;
                int c0 = tap(sx, w, mode) * channels;
                int c1 = tap(sx + 1, w, mode) * channels;
                int p00 = r0 + c0;
                int p01 = r0 + c1;
                int p10 = r1 + c0;
                int p11 = r1 + c1;
                for (int ch = 0; ch < channels; ch++) {
                    // SciPy sums the taps in order, each value times the row weight, then the column weight
                    double t = 0.0;
                    t += src[p00 + ch] * wy0 * wx0;
                    t += src[p01 + ch] * wy0 * wx1;
                    t += src[p10 + ch] * wy1 * wx0;
                    t += src[p11 + ch] * wy1 * wx1;
                    dst[out + ch] = (float) t;
                }
            }
        }
    }

    /** SciPy's map_coordinate: folds a continuous position outside [0, len-1] back in; -1 means "use cval". */
    static double mapCoordinate(double in, int len, FillMode mode) {
        if (in < 0) {
            switch (mode) {
                case REFLECT -> {
                    if (len <= 1) {
                        return 0;
                    }
                    long sz2 = 2L * len;
                    if (in < -sz2) {
                        in = sz2 * (long) (-in / sz2) + in;
                    }
                    return in < -len ? in + sz2 : -in - 1;
                }
                case WRAP -> {
                    if (len <= 1) {
                        return 0;
                    }
                    long sz = len - 1; // SciPy legacy wrap: period n - 1
                    return in + sz * ((long) (-in / sz) + 1);
                }
                case NEAREST -> {
                    return 0;
                }
                default -> {
                    return -1;
                }
            }
        } else if (in > len - 1) {
            switch (mode) {
                case REFLECT -> {
                    if (len <= 1) {
                        return 0;
                    }
                    long sz2 = 2L * len;
                    in -= sz2 * (long) (in / sz2);
                    return in >= len ? sz2 - in - 1 : in;
                }
                case WRAP -> {
                    if (len <= 1) {
                        return 0;
                    }
                    long sz = len - 1;
                    return in - sz * (long) (in / sz);
                }
                case NEAREST -> {
                    return len - 1;
                }
                default -> {
                    return -1;
                }
            }
        }
        return in;
    }

    /** A tap index folded into [0, len): half-sample reflection for REFLECT, clamping otherwise (SciPy's taps). */
    static int tap(long i, int len, FillMode mode) {
        if (i >= 0 && i < len) {
            return (int) i;
        }
        if (mode == FillMode.REFLECT && len > 1) {
            long sz2 = 2L * len;
            if (i < 0) {
                i = i < -sz2 ? sz2 * (-i / sz2) + i : i;
                i = i < -len ? i + sz2 : -i - 1;
            } else {
                i -= sz2 * (i / sz2);
                i = i >= len ? sz2 - i - 1 : i;
            }
            return (int) Math.min(Math.max(i, 0), len - 1);
        }
        return i < 0 ? 0 : len - 1;
    }
}
