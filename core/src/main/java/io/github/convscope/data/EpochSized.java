package io.github.convscope.data;

/**
 * An iterator that knows how many batches one epoch has before the epoch starts: Keras's {@code len(iterator)}.
 *
 * <pre>{@code
 * int steps = iterator instanceof EpochSized sized ? sized.batchesPerEpoch() : -1;
 * }</pre>
 *
 * <p>{@code Sequential.fit} uses it for the progress bar's total and Keras's steps-per-epoch; a DL4J iterator that
 * does not implement it is counted during its first epoch instead.
 */
public interface EpochSized {
    /** Number of batches in one epoch, {@code ceil(samples / batchSize)}; at least 0. */
    int batchesPerEpoch();
}
