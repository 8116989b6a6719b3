package io.github.convscope.explain;

/**
 * Settings of SmoothGrad (Smilkov et al. 2017): the mean gradient over {@code samples} noisy copies of each image,
 * with Gaussian noise of standard deviation {@code noiseLevel * (max - min)} of that image.
 *
 * <pre>{@code
 * SaliencyMaps s = explainer.smoothGrad(images, new SmoothGrad(20, 0.2, 42));
 * }</pre>
 *
 * @param samples    noisy copies per image, at least 1
 * @param noiseLevel noise standard deviation as a fraction of the image's value range, in [0, 1]
 * @param seed       seed of {@link java.util.Random}'s Gaussian draws; the same seed gives the same maps
 */
public record SmoothGrad(int samples, double noiseLevel, long seed) {
    /** tf-keras-vis's defaults: 20 samples, noise 20 % of the range, seed 42. */
    public static final SmoothGrad DEFAULT = new SmoothGrad(20, 0.2, 42);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException when samples is below 1 or noiseLevel outside [0, 1]
     */
    public SmoothGrad {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, found " + samples);
        }
        if (!(noiseLevel >= 0 && noiseLevel <= 1)) {
            throw new IllegalArgumentException("noiseLevel is a fraction of the input range and must lie in [0, 1], "
                    + "found " + noiseLevel);
        }
    }
}
