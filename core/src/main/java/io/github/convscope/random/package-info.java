/**
 * The NumPy random stream ConvScope reproduces: {@link io.github.convscope.random.NumpyRandom} is a port of NumPy's
 * legacy MT19937 {@code RandomState}, so seeded shuffles and augmentations draw Keras's numbers. Imports nothing of
 * ConvScope.
 */
package io.github.convscope.random;
