/** The Keras-like {@code Sequential} CNN builder, its summary, training with history and callbacks. */
package io.github.convscope.model;
