package io.github.convscope.augment;

import io.github.convscope.image.FloatImage;

/**
 * Keras's {@code preprocessing_function}: a user step run first in {@link ImageDataGenerator#standardize}, on one
 * HWC float32 image after augmentation and before {@code rescale}.
 *
 * <pre>{@code
 * ImageDataGenerator.builder().preprocessingFunction(image -> invert(image)).build();
 * }</pre>
 *
 * <p>It may change the image in place and return it, or return a new image of the same shape. It runs on the loader
 * threads, so it must be thread-safe.
 */
@FunctionalInterface
public interface PreprocessingFunction {

    /** Processes one image (HWC, float32) and returns the result, of the same shape. */
    FloatImage apply(FloatImage image);
}
