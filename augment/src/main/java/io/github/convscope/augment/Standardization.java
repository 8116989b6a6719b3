package io.github.convscope.augment;

import io.github.convscope.image.FloatImage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keras 1.1.0's {@code standardize} for one set of {@link GeneratorSettings}, with the statistics of the last
 * {@code fit}. The statistics are replaced as a whole, so images standardised during a fit see the old or the new
 * statistics, never a mixture.
 */
final class Standardization {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataGenerator.class);

    private final GeneratorSettings settings;
    private final AtomicBoolean warnedUnfitted = new AtomicBoolean();
    private volatile FitStatistics statistics = FitStatistics.none();

    Standardization(GeneratorSettings settings) {
        this.settings = settings;
    }

    /**
     * Keras {@code standardize} on one image, in this order: preprocessing function, rescale (a float32 multiply),
     * samplewise centre, samplewise std, featurewise centre, featurewise std, ZCA. Changes {@code image} in place
     * and returns it (or the preprocessing function's result).
     */
    FloatImage standardize(FloatImage image) {
        GeneratorSettings s = settings;
        FloatImage x = s.preprocessingFunction() == null ? image : s.preprocessingFunction().apply(image);
        float[] d = x.data();
        if (s.rescale() != 0) {
            float scale = (float) s.rescale(); // Keras: x *= rescale, a float32 multiply (not a division)
            for (int i = 0; i < d.length; i++) {
                d[i] *= scale;
            }
        }
        if (s.samplewiseCenter()) {
            float mean = NumpyFloat32.mean(d); // over all of H x W x C (Keras)
            for (int i = 0; i < d.length; i++) {
                d[i] -= mean;
            }
        }
        if (s.samplewiseStdNormalization()) {
            float divisor = NumpyFloat32.std(d) + 1e-6f;
            for (int i = 0; i < d.length; i++) {
                d[i] /= divisor;
            }
        }
        featurewise(d, x.channels(), statistics);
        return x;
    }

    private void featurewise(float[] d, int c, FitStatistics stats) {
        if (settings.featurewiseCenter()) {
            if (stats.mean != null) {
                checkChannels(stats.mean.length, c);
                for (int i = 0; i < d.length; i++) {
                    d[i] -= stats.mean[i % c];
                }
            } else {
                warnUnfitted("featurewiseCenter");
            }
        }
        if (settings.featurewiseStdNormalization()) {
            if (stats.std != null) {
                checkChannels(stats.std.length, c);
                for (int i = 0; i < d.length; i++) {
                    d[i] /= stats.std[i % c] + 1e-6f;
                }
            } else {
                warnUnfitted("featurewiseStdNormalization");
            }
        }
        if (settings.zcaWhitening()) {
            if (stats.principalComponents != null) {
                whiten(d, stats);
            } else {
                warnUnfitted("zcaWhitening");
            }
        }
    }

    private static void checkChannels(int fitted, int channels) {
        if (fitted != channels) {
            throw new IllegalArgumentException("the generator was fitted on " + fitted
                    + "-channel images, got an image with " + channels + " channels");
        }
    }

    private static void whiten(float[] d, FitStatistics stats) {
        int n = stats.zcaSize;
        if (d.length != n) {
            throw new IllegalArgumentException("the ZCA matrix was fitted on images of " + n
                    + " values, got an image of " + d.length);
        }
        float[] pc = stats.principalComponents;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = d[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += v * pc[row + j];
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = (float) out[j];
        }
    }

    private void warnUnfitted(String setting) {
        // Keras warns on every call; once per generator is enough to be seen without flooding the log
        if (warnedUnfitted.compareAndSet(false, true)) {
            LOG.warn("This ImageDataGenerator specifies {}, but it has not been fit on any training data. "
                    + "Fit it first by calling fit(x).", setting);
        }
    }

    /** Replaces the statistics with those of NHWC float32 {@code data} (n images of h x w x c; changed in place). */
    void fit(float[] data, int n, int h, int w, int c) {
        GeneratorSettings s = settings;
        statistics = FitStatistics.compute(data, n, h, w, c, s.featurewiseCenter(),
                s.featurewiseStdNormalization(), s.zcaWhitening(), s.zcaEpsilon());
    }

    /** The fitted per-channel mean, shape [1, 1, C], if any. */
    Optional<INDArray> mean() {
        return channelVector(statistics.mean);
    }

    /** The fitted per-channel std, shape [1, 1, C], if any. */
    Optional<INDArray> std() {
        return channelVector(statistics.std);
    }

    private static Optional<INDArray> channelVector(float[] values) {
        return values == null ? Optional.empty()
                : Optional.of(Nd4j.create(values, new long[] {1, 1, values.length}, 'c'));
    }

    /** The fitted ZCA matrix, shape [D, D], if any. */
    Optional<INDArray> principalComponents() {
        FitStatistics stats = statistics;
        if (stats.principalComponents == null) {
            return Optional.empty();
        }
        return Optional.of(Nd4j.create(stats.principalComponents, new long[] {stats.zcaSize, stats.zcaSize}, 'c'));
    }
}
