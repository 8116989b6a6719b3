/**
 * The bundled dataset: the program that builds a two-class Fashion-MNIST subset in the lecture's folder layout from
 * the original IDX files, and {@link io.github.convscope.examples.dataset.BundledDataset}, which unpacks it on first
 * use.
 */
package io.github.convscope.examples.dataset;
