package io.github.convscope.data;

import io.github.convscope.image.FloatImage;
import io.github.convscope.random.NumpyRandom;

/**
 * The per-sample hook an iterator runs on every loaded image: random parameters first, then the transform.
 *
 * <p>Keras draws each sample's random parameters from one seeded stream, in batch order, and then transforms the
 * image. Iterators honour that split so that loading can run on several threads and still give the same batches:
 * {@link #draw} is called for every sample of a batch in order on one thread with the batch's stream, and
 * {@link #apply} later, on any worker thread. Augmentation ({@code ImageDataGenerator}) plugs in here.
 *
 * @param <P> the drawn parameters of one sample (immutable)
 */
public interface SampleTransform<P> {

    /** Draws one sample's random parameters for an image of the given shape; called in sample order. */
    P draw(int height, int width, int channels, NumpyRandom random);

    /** Transforms and standardises one image; may change {@code image} in place and return it. */
    FloatImage apply(FloatImage image, P parameters);

    /** The transform that leaves images as loaded. */
    static SampleTransform<Void> identity() {
        return new SampleTransform<>() {
            @Override
            public Void draw(int height, int width, int channels, NumpyRandom random) {
                return null;
            }

            @Override
            public FloatImage apply(FloatImage image, Void parameters) {
                return image;
            }
        };
    }
}
