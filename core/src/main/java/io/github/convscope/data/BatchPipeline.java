package io.github.convscope.data;

import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoadException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch engine shared by {@link DirectoryIterator} and {@link ArrayIterator}: Keras's batch order and seeding,
 * planned in sequence on the consumer's thread, with loading and transforming on worker threads ahead of it.
 *
 * <p>Every batch is planned (indices, transform parameters, save hashes) before its images load, in batch order, so
 * the batches are the same for any number of workers. At most {@code prefetch} planned batches are in flight.
 */
final class BatchPipeline<P> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    /** A finished batch: NHWC float32 features and the sample each slot holds. */
    record Batch(INDArray features, int[] indices) {
    }

    /** How batches are made: their size, order, seed, threads, look-ahead and what happens to a bad file. */
    record Settings(int batchSize, boolean shuffle, long seed, int workers, int prefetch, BadImagePolicy policy) {
    }

    private final SampleSource source;
    private final SampleTransform<P> transform;
    private final int n;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int prefetch;
    private final BadImagePolicy policy;
    private final ImageSaver saver;
    private final int[] shape;
    private final int sampleSize;
    private final ThreadPoolExecutor executor;
    private final Map<Integer, String> badSamples = new ConcurrentSkipListMap<>();

    private final ArrayDeque<Pending<P>> pending = new ArrayDeque<>();
    private long epochStart;
    private int consumed;
    private int[] epochOrder;
    private boolean closed;
    /** The batch a caller of next() waits for, so that close() can release it. */
    private Pending taken;

    private BatchPipeline(SampleSource source, SampleTransform<P> transform, Settings settings, ImageSaver saver) {
        this.source = source;
        this.transform = transform;
        this.n = source.size();
        this.batchSize = settings.batchSize();
        this.shuffle = settings.shuffle();
        this.seed = settings.seed();
        this.prefetch = settings.prefetch();
        this.policy = settings.policy();
        this.saver = saver;
        int workers = settings.workers();
        this.shape = source.imageShape();
        this.sampleSize = shape[0] * shape[1] * shape[2];
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "convscope-loader-" + pool + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory);
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** A pipeline over {@code source}; {@code saver} is null when nothing is saved. */
    static <P> BatchPipeline<P> create(SampleSource source, SampleTransform<P> transform, Settings settings,
            ImageSaver saver) {
        return new BatchPipeline<>(source, transform, settings, saver);
    }

    /** Number of samples in an epoch. */
    int size() {
        return n;
    }

    /** Number of batches in an epoch, ceil(n / batchSize). */
    int batchesPerEpoch() {
        return (n + batchSize - 1) / batchSize;
    }

    /** Whether the current epoch has a batch left. */
    synchronized boolean hasNext() {
        return !closed && consumed < batchesPerEpoch();
    }

    /** The next batch of the epoch; blocks until its images are loaded and transformed. */
    Batch next() {
        Pending<P> batch;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("iterator is closed");
            }
            if (consumed >= batchesPerEpoch()) {
                throw new NoSuchElementException("the epoch has no batch left; call reset() to begin the next one");
            }
            fill();
            batch = pending.poll();
            taken = batch;
            consumed++;
            fill();
        }
        try {
            batch.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
        return new Batch(batch.features, batch.actual);
    }

    /**
     * Begins the next epoch (Keras: batch_index = 0; the batch counter keeps counting). Batches planned ahead are
     * cancelled; a reset before any batch of the epoch was taken changes nothing.
     */
    synchronized void reset() {
        if (closed) {
            throw new IllegalStateException("the iterator is closed; an iterator cannot be reopened, build a new one");
        }
        if (consumed == 0) {
            return;
        }
        cancelPending();
        epochStart += consumed;
        consumed = 0;
        epochOrder = null;
    }

    /** The samples skipped as unloadable so far (under {@link BadImagePolicy#SKIP}), by sample index. */
    Map<Integer, String> badSamples() {
        return badSamples;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (taken != null) {
            // a loader may be stuck where no interrupt reaches (a blocking read): the waiting caller is told now
            taken.done.completeExceptionally(new IllegalStateException(
                    "the iterator was closed while this batch was loading"));
        }
        cancelPending();
        executor.shutdownNow();
    }

    private void cancelPending() {
        for (Pending<P> p : pending) {
            p.cancelled = true;
        }
        pending.clear();
    }

    /** Plans batches in order until {@code prefetch} are in flight or the epoch is fully planned. */
    private void fill() {
        while (pending.size() < prefetch && consumed + pending.size() < batchesPerEpoch()) {
            int batchInEpoch = consumed + pending.size();
            BatchPlan<P> plan = BatchPlan.plan(seed + epochStart + batchInEpoch, epochOrder, batchInEpoch, batchSize, n,
                    shuffle, transform, shape, saver == null ? 0 : saver.hashBound());
            epochOrder = plan.epochOrder;
            Pending<P> p = new Pending<>(plan, shape);
            pending.add(p);
            for (int slot = 0; slot < plan.indices.length; slot++) {
                int s = slot;
                executor.execute(() -> runSample(p, s));
            }
        }
    }

    private void runSample(Pending<P> p, int slot) {
        if (p.cancelled || p.done.isDone()) {
            return;
        }
        try {
            FloatImage image = load(p, slot);
            FloatImage out = transform.apply(image, p.plan.parameters.get(slot));
            if (out.height() != shape[0] || out.width() != shape[1] || out.channels() != shape[2]) {
                throw new IllegalStateException("the transform returned a " + out + " for " + source.describe(
                        p.actual[slot]) + ", expected " + shape[0] + "x" + shape[1] + "x" + shape[2]);
            }
            new FloatPointer(p.address).position((long) slot * sampleSize).put(out.data(), 0, sampleSize);
            if (p.remaining.decrementAndGet() == 0) {
                if (saver != null) {
                    save(p);
                }
                p.done.complete(null);
            }
        } catch (Throwable t) {
            p.done.completeExceptionally(t);
        }
    }

    /** Loads the slot's sample; under SKIP a bad file gives way to the next loadable one of the epoch order. */
    private FloatImage load(Pending<P> p, int slot) {
        int index = p.plan.indices[slot];
        if (policy == BadImagePolicy.FAIL) {
            p.actual[slot] = index;
            return source.load(index);
        }
        int position = p.plan.firstPosition + slot;
        for (int k = 0; k < n; k++) {
            int candidate = p.plan.epochOrder[(position + k) % n];
            if (badSamples.containsKey(candidate)) {
                continue;
            }
            try {
                FloatImage image = source.load(candidate);
                p.actual[slot] = candidate;
                return image;
            } catch (ImageLoadException e) {
                if (badSamples.putIfAbsent(candidate, source.describe(candidate)) == null) {
                    LOG.warn("Skipping {}: {}", source.describe(candidate), e.getMessage());
                }
            }
        }
        throw new IllegalStateException("none of the " + n + " images could be loaded (all " + badSamples.size()
                + " skipped)");
    }

    private void save(Pending<P> p) {
        float[] pixels = new float[sampleSize];
        FloatPointer pointer = new FloatPointer(p.address);
        for (int slot = 0; slot < p.actual.length; slot++) {
            pointer.position((long) slot * sampleSize).get(pixels, 0, sampleSize);
            saver.save(new FloatImage(shape[0], shape[1], shape[2], pixels), p.actual[slot], p.plan.saveHashes[slot]);
        }
    }

    /** A planned batch in flight. */
    private static final class Pending<P> {
        final BatchPlan<P> plan;
        final INDArray features;
        final org.bytedeco.javacpp.Pointer address;
        final int[] actual;
        final AtomicInteger remaining;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile boolean cancelled;

        Pending(BatchPlan<P> plan, int[] shape) {
            this.plan = plan;
            int size = plan.indices.length;
            this.features = Nd4j.createUninitializedDetached(DataType.FLOAT, size, shape[0], shape[1], shape[2]);
            this.address = features.data().addressPointer();
            this.actual = new int[size];
            this.remaining = new AtomicInteger(size);
        }
    }

    /** The skipped samples' descriptions, in sample order. */
    List<String> skippedDescriptions() {
        return new ArrayList<>(badSamples.values());
    }
}
