package io.github.convscope.data;

import io.github.convscope.image.FloatImage;

/** Where the samples of an iterator come from: a folder of files or an in-memory array. */
interface SampleSource {

    /** Number of samples. */
    int size();

    /** The shape every loaded sample has, {@code [height, width, channels]}. */
    int[] imageShape();

    /**
     * Loads sample {@code index} as float32 HWC; the caller may change the returned image. Throws
     * {@link io.github.convscope.image.ImageLoadException} naming the file when it cannot be loaded.
     */
    FloatImage load(int index);

    /** A name for sample {@code index} in messages: its path, or its position in the array. */
    String describe(int index);
}
