package io.github.convscope.spark;

import io.github.convscope.data.SampleTransform;
import java.io.Serializable;

/**
 * Makes the per-sample transform on each executor: an {@code ImageDataGenerator} holds native arrays and is not
 * serialisable, so what travels is the recipe, a serialisable lambda.
 *
 * <pre>{@code
 * SparkImageFolder.builder(sc, "hdfs:///data/train")
 *         .transform(() -> ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(40).build())
 * }</pre>
 *
 * <p>The factory is called once per task; what it returns must not depend on where it runs. Fitted statistics
 * ({@code featurewiseCenter} and friends) must be recreated by the factory, for example from arrays it captures.
 */
@FunctionalInterface
public interface TransformFactory extends Serializable {

    /** A new transform, equal in behaviour on every executor. */
    SampleTransform<?> create();
}
