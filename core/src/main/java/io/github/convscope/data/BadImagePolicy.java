package io.github.convscope.data;

/**
 * What a {@link DirectoryIterator} does with a file that cannot be loaded (zero bytes, truncated, not an image).
 *
 * <pre>{@code
 * DirectoryIterator it = DirectoryIterator.builder(dir).badImagePolicy(BadImagePolicy.SKIP).build();
 * it.skippedFiles();   // the files left out so far
 * }</pre>
 */
public enum BadImagePolicy {
    /** The batch fails with an {@link io.github.convscope.image.ImageLoadException} naming the file (Keras's behaviour). */
    FAIL,
    /**
     * A warning naming the file is logged once, the file is remembered as bad, and its slot in the batch is filled
     * with the next loadable file of the epoch order (wrapping around), keeping the slot's drawn transform
     * parameters; the skipped files are available from the iterator afterwards.
     */
    SKIP
}
