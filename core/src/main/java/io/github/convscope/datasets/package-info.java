/**
 * Keras's {@code get_file}: {@link io.github.convscope.datasets.Datasets} downloads, verifies, caches and extracts
 * datasets. Imports only {@code io.github.convscope.files}.
 */
package io.github.convscope.datasets;
