package io.github.convscope.explain;

import io.github.convscope.backend.NativeMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The arithmetic of class-activation maps on NHWC activations and gradients, in double precision. */
final class CamMath {
    /** pytorch-grad-cam's guard in the Grad-CAM++ denominator. */
    private static final double PLUS_PLUS_EPS = 1e-6;

    private CamMath() {
    }

    /**
     * ReLU of the channel-weighted sum of activations, at the layer's size.
     *
     * @param activations NHWC [n, h, w, c]
     * @param gradients   NHWC [n, h, w, c], d(score)/d(activations)
     * @return float32 [n, h, w]
     */
    static INDArray coarse(INDArray activations, INDArray gradients, CamMethod method) {
        int n = (int) activations.size(0);
        int h = (int) activations.size(1);
        int w = (int) activations.size(2);
        int c = (int) activations.size(3);
        float[] a = floats(activations);
        float[] g = floats(gradients);
        float[] out = new float[n * h * w];
        int plane = h * w * c;
        for (int i = 0; i < n; i++) {
            double[] weights = method == CamMethod.GRAD_CAM ? meanWeights(g, i * plane, h * w, c)
                    : plusPlusWeights(a, g, i * plane, h * w, c);
            for (int p = 0; p < h * w; p++) {
                double sum = 0;
                int base = i * plane + p * c;
                for (int k = 0; k < c; k++) {
                    sum += weights[k] * a[base + k];
                }
                out[i * h * w + p] = (float) Math.max(sum, 0);
            }
        }
        return Nd4j.create(out, new long[] {n, h, w}, 'c');
    }

    /** Grad-CAM: the spatial mean of each channel's gradient. */
    private static double[] meanWeights(float[] g, int offset, int pixels, int c) {
        double[] weights = new double[c];
        for (int p = 0; p < pixels; p++) {
            for (int k = 0; k < c; k++) {
                weights[k] += g[offset + p * c + k];
            }
        }
        for (int k = 0; k < c; k++) {
            weights[k] /= pixels;
        }
        return weights;
    }

    /** Grad-CAM++ as pytorch-grad-cam computes it (its equation 19, exponential-score closed form). */
    private static double[] plusPlusWeights(float[] a, float[] g, int offset, int pixels, int c) {
        double[] sumA = new double[c];
        for (int p = 0; p < pixels; p++) {
            for (int k = 0; k < c; k++) {
                sumA[k] += a[offset + p * c + k];
            }
        }
        double[] weights = new double[c];
        for (int p = 0; p < pixels; p++) {
            for (int k = 0; k < c; k++) {
                double gv = g[offset + p * c + k];
                if (gv == 0) {
                    continue;
                }
                double g2 = gv * gv;
                double alpha = g2 / (2 * g2 + sumA[k] * g2 * gv + PLUS_PLUS_EPS);
                weights[k] += Math.max(gv, 0) * alpha;
            }
        }
        return weights;
    }

    /**
     * Bilinear resize with half-pixel centres ({@code torch.nn.functional.interpolate(mode="bilinear",
     * align_corners=False)}, OpenCV's {@code INTER_LINEAR} when enlarging), then min-max normalisation to [0, 1] per
     * map; a constant map becomes all zeros.
     *
     * @param coarse [n, h, w]
     * @return float32 [n, height, width]
     */
    static INDArray upsampleAndNormalize(INDArray coarse, int height, int width) {
        int n = (int) coarse.size(0);
        int h = (int) coarse.size(1);
        int w = (int) coarse.size(2);
        float[] src = floats(coarse);
        float[] out = new float[n * height * width];
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        double[] ly = new double[height];
        sourceIndices(h, height, y0, y1, ly);
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        double[] lx = new double[width];
        sourceIndices(w, width, x0, x1, lx);
        for (int i = 0; i < n; i++) {
            int s = i * h * w;
            int o = i * height * width;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double[] tmp = new double[height * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double top = (1 - lx[x]) * src[s + y0[y] * w + x0[x]] + lx[x] * src[s + y0[y] * w + x1[x]];
                    double bottom = (1 - lx[x]) * src[s + y1[y] * w + x0[x]] + lx[x] * src[s + y1[y] * w + x1[x]];
                    double v = (1 - ly[y]) * top + ly[y] * bottom;
                    tmp[y * width + x] = v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            double range = max - min;
            for (int p = 0; p < tmp.length; p++) {
                out[o + p] = range > 0 ? (float) ((tmp[p] - min) / range) : 0f;
            }
        }
        return Nd4j.create(out, new long[] {n, height, width}, 'c');
    }

    /** The elements of {@code x} in C order as floats; a copy made on the way is freed at once. */
    static float[] floats(INDArray x) {
        INDArray f = x.castTo(DataType.FLOAT);
        INDArray c = f.dup('c');
        float[] out = c.data().asFloat();
        NativeMemory.free(c);
        if (f != x) {
            NativeMemory.free(f);
        }
        return out;
    }

    /** PyTorch's area_pixel_compute_source_index with align_corners=False: src = (dst + 0.5) * in / out - 0.5. */
    private static void sourceIndices(int in, int out, int[] i0, int[] i1, double[] lambda) {
        double scale = (double) in / out;
        for (int d = 0; d < out; d++) {
            double src = Math.max((d + 0.5) * scale - 0.5, 0);
            int lo = Math.min((int) src, in - 1);
            i0[d] = lo;
            i1[d] = Math.min(lo + 1, in - 1);
            lambda[d] = src - lo;
        }
    }
}
