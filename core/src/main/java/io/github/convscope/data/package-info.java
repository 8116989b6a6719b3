/** Iterating over folders and arrays of images as DL4J batches, the Keras {@code flow_from_directory} way. */
package io.github.convscope.data;
