package io.github.convscope.data;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What ConvScope's two image iterators share: Keras's batch order and seeding, worker threads that load ahead, and
 * the DL4J {@link DataSetIterator} contract. {@link DirectoryIterator} reads a folder per class
 * ({@code flow_from_directory}); {@link ArrayIterator} reads arrays in memory ({@code flow}).
 *
 * <pre>{@code
 * try (BatchIterator train = DirectoryIterator.builder(dir).batchSize(20).seed(1).build()) {
 *     model.fit(train, 15);
 * }
 * }</pre>
 *
 * <p>Features are float32 NHWC {@code [batch, height, width, channels]}. Each {@link #hasNext()}/{@link #next()}
 * round covers one epoch and {@link #reset()} begins the next: batch k, counted over all epochs, uses NumPy's stream
 * {@code seed + k}, as Keras does, so the batches do not depend on the number of workers. {@link #close()} stops the
 * workers at once. The methods are thread-safe. An iterator holds threads and native memory and cannot be
 * serialised; rebuild it from its builder instead.
 */
public abstract sealed class BatchIterator implements DataSetIterator, EpochSized, AutoCloseable
        permits DirectoryIterator, ArrayIterator {
    private final BatchPipeline<?> pipeline;
    private final int[] imageShape;
    private final int batchSize;
    private final long seed;
    private volatile DataSetPreProcessor preProcessor;

    BatchIterator(BatchPipeline<?> pipeline, int[] imageShape, int batchSize, long seed) {
        this.pipeline = pipeline;
        this.imageShape = imageShape.clone();
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The labels of the samples {@code indices} (in batch order), or null when the iterator gives none. */
    abstract INDArray labels(int[] indices, INDArray features);

    /** The engine underneath, for the subclasses' statistics. */
    final BatchPipeline<?> pipeline() {
        return pipeline;
    }

    /** Number of samples in one epoch (Keras's {@code samples} / {@code n}). */
    public final int samples() {
        return pipeline.size();
    }

    /** Number of batches in one epoch, ceil(samples / batchSize). */
    @Override
    public final int batchesPerEpoch() {
        return pipeline.batchesPerEpoch();
    }

    /** The shape of one image, {@code [height, width, channels]}. */
    public final int[] imageShape() {
        return imageShape.clone();
    }

    /** The seed in use: the one given, or the one drawn at build() when none was given. */
    public final long seed() {
        return seed;
    }

    @Override
    public final boolean hasNext() {
        return pipeline.hasNext();
    }

    /** The next batch of the epoch; throws {@link java.util.NoSuchElementException} after the last one. */
    @Override
    public final DataSet next() {
        BatchPipeline.Batch batch = pipeline.next();
        DataSet dataSet = new DataSet(batch.features(), labels(batch.indices(), batch.features()));
        DataSetPreProcessor p = preProcessor;
        if (p != null) {
            p.preProcess(dataSet);
        }
        return dataSet;
    }

    /** Only the configured batch size is supported: {@code next(batch())} is {@link #next()}. */
    @Override
    public final DataSet next(int num) {
        if (num != batchSize) {
            throw new UnsupportedOperationException("batches have the size set at build(), " + batchSize
                    + "; next(" + num + ") is not supported");
        }
        return next();
    }

    @Override
    public final int inputColumns() {
        return imageShape[0] * imageShape[1] * imageShape[2];
    }

    @Override
    public final boolean resetSupported() {
        return true;
    }

    @Override
    public final boolean asyncSupported() {
        return true;
    }

    /**
     * Begins the next epoch (the batch counter that seeds the stream keeps counting, as in Keras); a reset before any
     * batch of the epoch was taken changes nothing. Throws {@link IllegalStateException} once the iterator is closed.
     */
    @Override
    public final void reset() {
        pipeline.reset();
    }

    @Override
    public final int batch() {
        return batchSize;
    }

    @Override
    public final void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public final DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /**
     * Stops the loader threads and drops batches loaded ahead; the iterator cannot be used afterwards ({@code next()}
     * and {@code reset()} say it is closed). A caller waiting in {@code next()} is released at once with an
     * {@link IllegalStateException}, even if a loader is stuck where no interrupt reaches it.
     */
    @Override
    public final void close() {
        pipeline.close();
    }

    @SuppressWarnings("unused") // called by serialisation: say why it cannot work rather than write threads
    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException(getClass().getName() + " holds loader threads and native memory and "
                + "cannot be serialised; build a new one from its builder where it is needed");
    }

    /**
     * The settings both iterators share, with Keras's names and defaults, checked at {@code build()}. The type
     * parameter is the concrete builder, so that chained calls keep its own settings in reach.
     *
     * @param <B> the concrete builder type
     */
    public abstract static sealed class Builder<B extends Builder<B>>
            permits DirectoryIterator.Builder, ArrayIterator.Builder {
        int batchSize = 32;
        boolean shuffle = true;
        Long seed;
        Subset subset;
        double validationSplit;
        Path saveToDir;
        String savePrefix = "";
        String saveFormat = "png";
        SampleTransform<?> transform = SampleTransform.identity();
        int workers = Math.min(Runtime.getRuntime().availableProcessors(), 4);
        int prefetch = 2;

        Builder() {
        }

        abstract B self();

        /** Samples per batch (the last batch of an epoch may be smaller); default 32. */
        public B batchSize(int batchSize) {
            this.batchSize = batchSize;
            return self();
        }

        /** Whether each epoch visits the samples in a new random order; default true. */
        public B shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return self();
        }

        /**
         * Seed of the shuffle and of the transform's draws, 0 to 2^32 - 1 (NumPy's range). Without one, a seed is
         * drawn at build() (see {@link BatchIterator#seed()}).
         */
        public B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /** Read only this part of the {@link #validationSplit}; default null, all samples. */
        public B subset(Subset subset) {
            this.subset = subset;
            return self();
        }

        /** The fraction of the samples held out as {@link Subset#VALIDATION}, in [0, 1); default 0. */
        public B validationSplit(double validationSplit) {
            this.validationSplit = validationSplit;
            return self();
        }

        /** Also save every transformed image into this existing folder (for looking at augmentation). */
        public B saveToDir(Path saveToDir) {
            this.saveToDir = saveToDir;
            return self();
        }

        /** Prefix of saved file names; default "". */
        public B savePrefix(String savePrefix) {
            this.savePrefix = savePrefix;
            return self();
        }

        /** Format of saved files: png (default), jpg, jpeg, bmp, gif, tif or tiff. */
        public B saveFormat(String saveFormat) {
            this.saveFormat = saveFormat;
            return self();
        }

        /** The per-sample transform (augmentation and standardisation); default the identity. */
        public B transform(SampleTransform<?> transform) {
            this.transform = transform;
            return self();
        }

        /** Loader threads, 1 to 256; default min(available processors, 4). */
        public B workers(int workers) {
            this.workers = workers;
            return self();
        }

        /** Batches loaded ahead of the consumer, 1 to 64; default 2. */
        public B prefetch(int prefetch) {
            this.prefetch = prefetch;
            return self();
        }

        /** Checks the shared settings for images of {@code channels} channels; messages name the setting. */
        void checkShared(int channels) {
            Checks.notNull("transform", transform, "a SampleTransform (SampleTransform.identity() for none)");
            Checks.common(batchSize, seed, validationSplit, workers, prefetch);
            if (saveToDir != null) {
                ImageSaver.validate(saveToDir, savePrefix, saveFormat, channels);
            }
        }

        /** The seed given, or one drawn now. */
        long seedOrRandom() {
            return seed != null ? seed : Checks.randomSeed();
        }

        /** The pipeline over {@code source} with these settings; {@code saveHashBound} is Keras's save-name randint. */
        BatchPipeline<?> pipeline(SampleSource source, long seed, BadImagePolicy policy, long saveHashBound) {
            ImageSaver saver = saveToDir == null ? null
                    : new ImageSaver(saveToDir, savePrefix, saveFormat, saveHashBound);
            return BatchPipeline.create(source, transform,
                    new BatchPipeline.Settings(batchSize, shuffle, seed, workers, prefetch, policy), saver);
        }
    }
}
