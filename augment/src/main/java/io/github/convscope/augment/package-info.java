/**
 * Keras's {@code ImageDataGenerator} for the JVM: random affine augmentation (rotation, shifts, shear, zoom, flips),
 * channel and brightness shifts and standardisation, pixel-exact with keras_preprocessing 1.1.0 and plugged into the
 * core iterators as their per-sample transform.
 */
package io.github.convscope.augment;
