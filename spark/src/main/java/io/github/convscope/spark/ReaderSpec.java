package io.github.convscope.spark;

import io.github.convscope.data.BadImagePolicy;
import io.github.convscope.data.ClassMode;
import io.github.convscope.image.ColorMode;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.image.Interpolation;
import java.io.Serializable;

/** What every task of a {@link SparkImageFolder} needs besides the file list: small, serialisable settings. */
record ReaderSpec(String directory, HadoopConf conf, int height, int width, ColorMode colorMode,
        Interpolation interpolation, boolean keepAspectRatio, long maxPixels, ClassMode classMode, int numClasses,
        int samples, int batchSize, boolean shuffle, long seed, BadImagePolicy policy, TransformFactory transform)
        implements Serializable {

    int batchesPerEpoch() {
        return (samples + batchSize - 1) / batchSize;
    }

    int channels() {
        return colorMode.channels();
    }

    ImageLoader loader() {
        return ImageLoader.builder().targetSize(height, width).colorMode(colorMode).interpolation(interpolation)
                .keepAspectRatio(keepAspectRatio).maxPixels(maxPixels).build();
    }

    /** NumPy stream of batch {@code batch} of epoch {@code epoch}: Keras reseeds with seed + batches seen. */
    long stream(int epoch, int batch) {
        long stream = seed + (long) epoch * batchesPerEpoch() + batch;
        if (stream > 0xFFFFFFFFL) {
            throw new IllegalStateException("seed + batches seen = " + stream
                    + " passed 2^32 - 1, the largest seed NumPy's RandomState accepts");
        }
        return stream;
    }
}
