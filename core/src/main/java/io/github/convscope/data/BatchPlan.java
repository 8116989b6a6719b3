package io.github.convscope.data;

import io.github.convscope.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch decided on the consumer's thread before any image is loaded: which samples, their drawn transform
 * parameters and their save-name hashes, all from the batch's own seeded stream.
 */
final class BatchPlan<P> {
    /** Stream number of the batch, {@code seed + totalBatchesSeen} (Keras reseeds with it before every batch). */
    final long stream;
    /** The epoch's index array (the permutation, or 0..n-1), shared by every batch of the epoch. */
    final int[] epochOrder;
    /** Position in {@link #epochOrder} of the batch's first sample. */
    final int firstPosition;
    /** The samples of the batch, in batch order. */
    final int[] indices;
    /** The transform parameters drawn for each slot, in batch order. */
    final List<P> parameters;
    /** The {@code randint} drawn for each slot's save name, or null when nothing is saved. */
    final long[] saveHashes;

    BatchPlan(long stream, int[] epochOrder, int firstPosition, int[] indices, List<P> parameters, long[] saveHashes) {
        this.stream = stream;
        this.epochOrder = epochOrder;
        this.firstPosition = firstPosition;
        this.indices = indices;
        this.parameters = parameters;
        this.saveHashes = saveHashes;
    }

    /**
     * Plans the batch at {@code batchInEpoch} following Keras's {@code _flow_index}: reseed with {@code stream},
     * draw the epoch's permutation if this is its first batch, then each slot's parameters in order, then the save
     * hashes (Keras draws them after the whole batch is transformed, from the same stream).
     */
    static <P> BatchPlan<P> plan(long stream, int[] epochOrder, int batchInEpoch, int batchSize, int n,
            boolean shuffle, SampleTransform<P> transform, int[] shape, long saveHashBound) {
        if (stream > 0xFFFFFFFFL) {
            throw new IllegalStateException("seed + batches seen = " + stream
                    + " passed 2^32 - 1, the largest seed NumPy's RandomState accepts");
        }
        NumpyRandom random = new NumpyRandom(stream);
        int[] order = epochOrder;
        if (batchInEpoch == 0) {
            order = shuffle ? random.permutation(n) : identity(n);
        }
        int first = batchInEpoch * batchSize;
        int size = Math.min(batchSize, n - first);
        int[] indices = new int[size];
        System.arraycopy(order, first, indices, 0, size);
        List<P> parameters = new ArrayList<>(size); // may hold nulls (the identity draws none)
        for (int i = 0; i < size; i++) {
            parameters.add(transform.draw(shape[0], shape[1], shape[2], random));
        }
        long[] hashes = null;
        if (saveHashBound > 0) {
            hashes = new long[size];
            for (int i = 0; i < size; i++) {
                hashes[i] = random.randint(saveHashBound);
            }
        }
        return new BatchPlan<>(stream, order, first, indices, parameters, hashes);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
