package io.github.convscope.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batches from in-memory arrays, Keras's {@code ImageDataGenerator.flow(x, y)}, as a DL4J {@link DataSetIterator}.
 *
 * <pre>{@code
 * ArrayIterator it = ArrayIterator.builder(images, labels).batchSize(16).seed(3).build();  // images NHWC
 * DataSet batch = it.next();
 * }</pre>
 *
 * <p>{@code x} is an NHWC array {@code [n, height, width, channels]}, copied as float32 at build(). {@code y}, when
 * given, has one row per sample and is returned row for row, keeping its data type: rank 1 becomes a column
 * {@code [batch, 1]}, higher ranks are flattened to {@code [batch, values]}. Batches, seeding, epochs, workers and {@link #reset()} work exactly as in {@link DirectoryIterator}; the
 * save-name hashes are {@code randint(10^4)} as in Keras's {@code NumpyArrayIterator}.
 */
public final class ArrayIterator implements DataSetIterator, EpochSized, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient BatchPipeline pipeline;
    private final transient INDArray y;
    private final long[] labelShape;
    private final int[] imageShape;
    private final int batchSize;
    private final int samples;
    private final long seed;
    private transient DataSetPreProcessor preProcessor;

    private ArrayIterator(Builder b, float[] data, int first, int count, INDArray y, long seed) {
        this.imageShape = new int[] {(int) b.x.size(1), (int) b.x.size(2), (int) b.x.size(3)};
        this.batchSize = b.batchSize;
        this.samples = count;
        this.seed = seed;
        this.y = y;
        this.labelShape = y == null ? null : y.shape();
        ImageSaver saver = b.saveToDir == null ? null
                : new ImageSaver(b.saveToDir, b.savePrefix, b.saveFormat, 10_000L); // Keras flow(): randint(1e4)
        this.pipeline = new BatchPipeline(new ArraySource(data, first, count, imageShape), b.transform, b.batchSize,
                b.shuffle, seed, b.workers, b.prefetch, BadImagePolicy.FAIL, saver);
    }

    /** A builder over images {@code x} (NHWC) and optional labels {@code y} (null for features only). */
    public static Builder builder(INDArray x, INDArray y) {
        return new Builder(x, y);
    }

    /** Number of samples in this iterator (after the subset split). */
    public int samples() {
        return samples;
    }

    /** Number of batches in one epoch, ceil(samples / batchSize). */
    @Override
    public int batchesPerEpoch() {
        return pipeline.batchesPerEpoch();
    }

    /** The shape of one image, {@code [height, width, channels]}. */
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** The seed in use: the one given, or the one drawn at build() when none was given. */
    public long seed() {
        return seed;
    }

    @Override
    public boolean hasNext() {
        return pipeline.hasNext();
    }

    /** The next batch of the epoch; throws {@link java.util.NoSuchElementException} after the last one. */
    @Override
    public DataSet next() {
        BatchPipeline.Batch batch = pipeline.next();
        INDArray labels = null;
        if (y != null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                long[] shape = labelShape.clone();
                shape[0] = batch.indices().length;
                labels = Nd4j.pullRows(y, 1, batch.indices());
                labels = labels.reshape('c', shape.length == 1 ? new long[] {shape[0], 1} : shape);
            }
        }
        DataSet dataSet = new DataSet(batch.features(), labels);
        DataSetPreProcessor p = preProcessor;
        if (p != null) {
            p.preProcess(dataSet);
        }
        return dataSet;
    }

    /** Only the configured batch size is supported: {@code next(batch())} is {@link #next()}. */
    @Override
    public DataSet next(int num) {
        if (num != batchSize) {
            throw new UnsupportedOperationException("batches have the size set at build(), " + batchSize
                    + "; next(" + num + ") is not supported");
        }
        return next();
    }

    @Override
    public int inputColumns() {
        return imageShape[0] * imageShape[1] * imageShape[2];
    }

    @Override
    public int totalOutcomes() {
        return y == null ? 0 : (int) (y.length() / Math.max(1, y.size(0)));
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Begins the next epoch (the batch counter that seeds the stream keeps counting, as in Keras). */
    @Override
    public void reset() {
        pipeline.reset();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** Arrays have no class names: always null. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    /** Stops the worker threads and drops batches prepared ahead. */
    @Override
    public void close() {
        pipeline.close();
    }

    /** Builds an {@link ArrayIterator}; settings have Keras's names and defaults and are checked at build(). */
    public static final class Builder {
        private final INDArray x;
        private final INDArray yAll;
        private int batchSize = 32;
        private boolean shuffle = true;
        private Long seed;
        private Subset subset;
        private double validationSplit;
        private Path saveToDir;
        private String savePrefix = "";
        private String saveFormat = "png";
        private SampleTransform<?> transform = SampleTransform.identity();
        private int workers = Math.min(Runtime.getRuntime().availableProcessors(), 4);
        private int prefetch = 2;

        private Builder(INDArray x, INDArray y) {
            this.x = x;
            this.yAll = y;
        }

        /** Samples per batch; default 32. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether every epoch draws a new order; default true. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed of the shuffle and the transform's draws, 0 to 2^32 - 1; drawn at build() when not given. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Read only this part of the {@link #validationSplit}: validation is the first int(n * split) samples. */
        public Builder subset(Subset subset) {
            this.subset = subset;
            return this;
        }

        /** Fraction of the samples held out as {@link Subset#VALIDATION}, in [0, 1); default 0. */
        public Builder validationSplit(double validationSplit) {
            this.validationSplit = validationSplit;
            return this;
        }

        /** Also save every transformed image into this existing folder. */
        public Builder saveToDir(Path saveToDir) {
            this.saveToDir = saveToDir;
            return this;
        }

        /** Prefix of saved file names; default "". */
        public Builder savePrefix(String savePrefix) {
            this.savePrefix = savePrefix;
            return this;
        }

        /** Format of saved files: png (default), jpg, jpeg, bmp, gif, tif or tiff. */
        public Builder saveFormat(String saveFormat) {
            this.saveFormat = saveFormat;
            return this;
        }

        /** The per-sample transform; default the identity. */
        public Builder transform(SampleTransform<?> transform) {
            this.transform = transform;
            return this;
        }

        /** Worker threads, 1 to 256; default min(available processors, 4). */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Batches prepared ahead of the consumer, 1 to 64; default 2. */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** Checks the settings, copies {@code x} as float32 and starts the iterator. */
        public ArrayIterator build() {
            if (x == null || x.rank() != 4) {
                throw new IllegalArgumentException("x must be a rank-4 NHWC array [n, height, width, channels], got "
                        + (x == null ? "null" : Arrays.toString(x.shape())));
            }
            long n = x.size(0);
            if (x.length() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("x must have fewer than 2^31 values, got " + x.length());
            }
            if (yAll != null && (yAll.rank() < 1 || yAll.size(0) != n)) {
                throw new IllegalArgumentException("y must have one row per sample of x (" + n + "), got shape "
                        + Arrays.toString(yAll.shape()));
            }
            Checks.notNull("transform", transform, "a SampleTransform (SampleTransform.identity() for none)");
            Checks.common(batchSize, seed, validationSplit, workers, prefetch);
            if (saveToDir != null) {
                ImageSaver.validate(saveToDir, savePrefix, saveFormat, (int) x.size(3));
                if (x.size(3) != 1 && x.size(3) != 3 && x.size(3) != 4) {
                    throw new IllegalArgumentException("saveToDir needs images with 1, 3 or 4 channels, got "
                            + x.size(3));
                }
            }
            int first = 0;
            int count = (int) n;
            INDArray y = yAll;
            if (subset != null) {
                int split = (int) (n * validationSplit); // Keras flow(): split_idx = int(len(x) * validation_split)
                if (yAll != null && !uniqueValues(yAll, 0, split).equals(uniqueValues(yAll, split, (int) n))) {
                    throw new IllegalArgumentException("Training and validation subsets have different number of "
                            + "classes after the split. If your arrays are sorted by the label, you might want to "
                            + "shuffle them.");
                }
                first = subset == Subset.VALIDATION ? 0 : split;
                count = subset == Subset.VALIDATION ? split : (int) n - split;
            }
            if (y != null) {
                y = count == 0 ? null : y.get(NDArrayIndex.interval(first, first + count)).dup('c');
                if (y != null && y.rank() > 2) {
                    y = y.reshape('c', count, y.length() / count);
                } else if (y != null && y.rank() == 1) {
                    y = y.reshape('c', count, 1);
                }
            }
            float[] data = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
            return new ArrayIterator(this, data, first, count, y, seed != null ? seed : Checks.randomSeed());
        }

        // numpy.unique over every value of y[from:to]
        private static Set<Double> uniqueValues(INDArray y, int from, int to) {
            Set<Double> values = new TreeSet<>();
            if (to > from) {
                for (double v : y.get(NDArrayIndex.interval(from, to)).dup('c').data().asDouble()) {
                    values.add(v);
                }
            }
            return values;
        }
    }
}
