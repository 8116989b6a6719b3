package io.github.convscope.augment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * The data-dependent statistics of Keras's {@code ImageDataGenerator.fit}: per-channel mean and std and the ZCA
 * matrix, computed on NHWC float32 data the way keras_preprocessing 1.1.0 does.
 */
final class FitStatistics {
    /** Per-channel means (length C), or null. */
    final float[] mean;
    /** Per-channel population stds (length C), or null. */
    final float[] std;
    /** The ZCA matrix, D x D row-major with D = H*W*C, or null. */
    final float[] principalComponents;
    /** D, the flattened image size of the ZCA matrix. */
    final int zcaSize;

    private FitStatistics(float[] mean, float[] std, float[] principalComponents, int zcaSize) {
        this.mean = mean;
        this.std = std;
        this.principalComponents = principalComponents;
        this.zcaSize = zcaSize;
    }

    /** Statistics of nothing: every featurewise step is skipped (with Keras's warning). */
    static FitStatistics none() {
        return new FitStatistics(null, null, null, 0);
    }

    /**
     * Keras 1.1.0 {@code fit} after augmentation: mean (subtracted), then std of the centred data (divided by
     * std + 1e-6), then ZCA of the result. {@code x} is NHWC float32 and is changed in place.
     */
    static FitStatistics compute(float[] x, int n, int h, int w, int c, boolean center, boolean normalize,
                                 boolean zca, double zcaEpsilon) {
        float[] mean = null;
        float[] std = null;
        if (center) {
            mean = NumpyFloat32.channelMeans(x, c);
            for (int i = 0; i < x.length; i++) {
                x[i] -= mean[i % c];
            }
        }
        if (normalize) {
            std = NumpyFloat32.channelStds(x, c);
            for (int i = 0; i < x.length; i++) {
                x[i] /= std[i % c] + 1e-6f;
            }
        }
        float[] pc = null;
        int d = h * w * c;
        if (zca) {
            pc = zcaMatrix(x, n, d, zcaEpsilon);
        }
        return new FitStatistics(mean, std, pc, zca ? d : 0);
    }

    /**
     * Refuses a ZCA fit whose D x D matrices would not fit in memory, before anything is allocated. Keras forms
     * sigma, its SVD and the product in (H*W*C)^2 floats; this computes in double precision through ND4J.
     */
    static void checkZcaFits(int h, int w, int c) {
        long d = (long) h * w * c;
        long floats = d * d;
        double gib = floats * 4.0 / (1L << 30);
        long needed = floats * (3 * 8 + 4);
        long available = Math.min(offHeapAvailable(), Runtime.getRuntime().maxMemory()) ;
        if (floats > Integer.MAX_VALUE || needed > available) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "zcaWhitening of %dx%dx%d images needs a %d x %d matrix (%.1f GiB as float32; about %.1f GiB "
                            + "to compute it), more than fits in memory (%.1f GiB available); use smaller images",
                    h, w, c, d, d, gib, needed / (double) (1L << 30), available / (double) (1L << 30)));
        }
    }

    private static long offHeapAvailable() {
        long max = org.bytedeco.javacpp.Pointer.maxBytes();
        long used = org.bytedeco.javacpp.Pointer.totalBytes();
        return max > 0 ? Math.max(0, max - used) : Long.MAX_VALUE;
    }

    /** Keras ZCA: sigma = X^T X / N, U S V^T = svd(sigma), PC = U diag(1 / sqrt(S + eps)) U^T. */
    private static float[] zcaMatrix(float[] x, int n, int d, double epsilon) {
        INDArray flat = Nd4j.create(x, new long[] {n, d}, 'c').castTo(DataType.DOUBLE);
        INDArray sigma = flat.transpose().mmul(flat).divi(n);
        INDArray a = sigma.dup('f');
        INDArray s = Nd4j.create(DataType.DOUBLE, d);
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, u, vt);
        double[] sv = s.toDoubleVector();
        INDArray scaled = u.dup('c');
        for (int j = 0; j < d; j++) {
            scaled.getColumn(j).muli(1.0 / Math.sqrt(sv[j] + epsilon));
        }
        INDArray pc = scaled.mmul(u.transpose());
        return pc.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
