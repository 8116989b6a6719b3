package io.github.convscope.data;

import io.github.convscope.image.ColorMode;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.image.Interpolation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of images from a folder with one sub-folder per class, Keras's {@code flow_from_directory}, as a DL4J
 * {@link DataSetIterator}.
 *
 * <pre>{@code
 * try (DirectoryIterator train = DirectoryIterator.builder(Path.of("data/train"))
 *         .targetSize(150, 150).batchSize(128).classMode(ClassMode.BINARY).seed(1).build()) {
 *     network.fit(train, 15);                       // MultiLayerNetwork; logs "Found 2000 images belonging to 2 classes."
 * }
 * }</pre>
 *
 * <p>Files are found, ordered and split exactly like keras_preprocessing 1.1.0, and a seeded iterator visits them in
 * the same order as Keras, batch for batch, across epochs: batch k (counted over all epochs) uses NumPy's stream
 * {@code seed + k}, and the first batch of an epoch draws the epoch's permutation from it. Features are float32 NHWC
 * {@code [batch, height, width, channels]}, values 0..255 unless the transform scales them; labels follow
 * {@link ClassMode}. Each {@link #hasNext()}/{@link #next()} round covers one epoch; {@link #reset()} begins the next.
 * Images load on {@code workers} daemon threads up to {@code prefetch} batches ahead; the batches do not depend on
 * the number of workers. Decoded images are cached as bytes under {@code cacheBytes}. {@link #close()} stops the
 * workers at once (idle workers also end by themselves). Methods are thread-safe.
 */
public final class DirectoryIterator implements DataSetIterator, EpochSized, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryIterator.class);

    private final transient BatchPipeline pipeline;
    private final transient FileSource source;
    private final Map<String, Integer> classIndices;
    private final List<String> classNames;
    private final List<String> filenames;
    private final transient List<Path> filepaths;
    private final int[] classes;
    private final int[] imageShape;
    private final ClassMode classMode;
    private final int batchSize;
    private final long seed;
    private transient DataSetPreProcessor preProcessor;

    DirectoryIterator(Builder b, long seed, FolderListing listing) {
        this.classNames = listing.classNames;
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            indices.put(classNames.get(i), i);
        }
        this.classIndices = Collections.unmodifiableMap(indices);
        this.filenames = listing.filenames;
        List<Path> paths = new ArrayList<>(filenames.size());
        for (String name : filenames) {
            paths.add(b.directory.resolve(name));
        }
        this.filepaths = List.copyOf(paths);
        this.classes = listing.classes;
        this.classMode = b.classMode;
        this.batchSize = b.batchSize;
        this.seed = seed;
        ImageLoader loader = ImageLoader.builder().targetSize(b.targetHeight, b.targetWidth).colorMode(b.colorMode)
                .interpolation(b.interpolation).keepAspectRatio(b.keepAspectRatio).maxPixels(b.maxPixels).build();
        this.imageShape = new int[] {b.targetHeight, b.targetWidth, b.colorMode.channels()};
        this.source = new FileSource(filepaths, loader, b.cacheBytes > 0 ? new DecodedImageCache(b.cacheBytes) : null);
        ImageSaver saver = b.saveToDir == null ? null
                : new ImageSaver(b.saveToDir, b.savePrefix, b.saveFormat, 10_000_000L); // Keras: randint(1e7)
        this.pipeline = new BatchPipeline(source, b.transform, b.batchSize, b.shuffle, seed, b.workers, b.prefetch,
                b.badImagePolicy, saver);
        LOG.info("Found {} images belonging to {} classes.", filenames.size(), classNames.size());
    }

    /** A builder reading class sub-folders of {@code directory}, with Keras's defaults; checked at build(). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Class name to index, in class order (sorted folder names, or the order given to {@code classes}). */
    public Map<String, Integer> classIndices() {
        return classIndices;
    }

    /** The files of this iterator relative to the directory, '/'-separated, in Keras's order. */
    public List<String> filenames() {
        return filenames;
    }

    /** The files of this iterator as paths (directory resolved against each of {@link #filenames()}). */
    public List<Path> filepaths() {
        return filepaths;
    }

    /** The class index of every file, aligned with {@link #filenames()} (a copy). */
    public int[] classes() {
        return classes.clone();
    }

    /** Number of images (Keras's {@code samples}). */
    public int samples() {
        return filenames.size();
    }

    /** Number of classes, empty class folders included. */
    public int numClasses() {
        return classNames.size();
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

    /** The label encoding. */
    public ClassMode classMode() {
        return classMode;
    }

    /** The seed in use: the one given, or the one drawn at build() when none was given. */
    public long seed() {
        return seed;
    }

    /** The files skipped as unloadable so far under {@link BadImagePolicy#SKIP}, in file order. */
    public List<Path> skippedFiles() {
        List<Path> skipped = new ArrayList<>();
        for (Integer index : pipeline.badSamples().keySet()) {
            skipped.add(filepaths.get(index));
        }
        return skipped;
    }

    /** Number of files skipped so far under {@link BadImagePolicy#SKIP}. */
    public int skippedCount() {
        return pipeline.badSamples().size();
    }

    /** Number of decoded images currently held by the cache (0 when caching is off). */
    public int cachedImages() {
        return source.cache() == null ? 0 : source.cache().size();
    }

    @Override
    public boolean hasNext() {
        return pipeline.hasNext();
    }

    /** The next batch of the epoch; throws {@link java.util.NoSuchElementException} after the last one. */
    @Override
    public DataSet next() {
        BatchPipeline.Batch batch = pipeline.next();
        DataSet dataSet = new DataSet(batch.features(),
                Labels.of(classMode, batch.indices(), classes, classNames.size(), batch.features()));
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
        return Labels.width(classMode, classNames.size(), inputColumns());
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

    /** The class names in class order. */
    @Override
    public List<String> getLabels() {
        return classNames;
    }

    /** Stops the loader threads and drops batches loaded ahead; the iterator cannot be used afterwards. */
    @Override
    public void close() {
        pipeline.close();
    }

    @Override
    public String toString() {
        return "DirectoryIterator[" + samples() + " images, " + numClasses() + " classes, " + classMode + "]";
    }

    /**
     * Builds a {@link DirectoryIterator}; every setting has Keras's name and default and is checked at
     * {@link #build()}.
     */
    public static final class Builder {
        final Path directory;
        int targetHeight = 256;
        int targetWidth = 256;
        ColorMode colorMode = ColorMode.RGB;
        List<String> classes;
        ClassMode classMode = ClassMode.CATEGORICAL;
        int batchSize = 32;
        boolean shuffle = true;
        Long seed;
        Path saveToDir;
        String savePrefix = "";
        String saveFormat = "png";
        boolean followLinks;
        Subset subset;
        Interpolation interpolation = Interpolation.NEAREST;
        boolean keepAspectRatio;
        double validationSplit;
        SampleTransform<?> transform = SampleTransform.identity();
        BadImagePolicy badImagePolicy = BadImagePolicy.FAIL;
        int workers = Math.min(Runtime.getRuntime().availableProcessors(), 4);
        int prefetch = 2;
        long cacheBytes = defaultCacheBytes();
        long maxPixels = ImageLoader.DEFAULT_MAX_PIXELS;

        Builder(Path directory) {
            this.directory = directory;
        }

        /** The size every image is resized to, (height, width); default 256 x 256. */
        public Builder targetSize(int height, int width) {
            this.targetHeight = height;
            this.targetWidth = width;
            return this;
        }

        /** GRAYSCALE (1 channel), RGB (3, default) or RGBA (4). */
        public Builder colorMode(ColorMode colorMode) {
            this.colorMode = colorMode;
            return this;
        }

        /**
         * The class folders to read, in this order (their indices); default (null or empty) every sub-folder,
         * sorted. A listed folder that does not exist is a class with no images, as in Keras.
         */
        public Builder classes(List<String> classes) {
            this.classes = classes == null ? null : new ArrayList<>(classes);
            return this;
        }

        /** The label encoding; default {@link ClassMode#CATEGORICAL}. */
        public Builder classMode(ClassMode classMode) {
            this.classMode = classMode;
            return this;
        }

        /** Images per batch (the last batch of an epoch may be smaller); default 32. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether each epoch visits the files in a new random order; default true. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Seed of the shuffle and of the transform's draws, 0 to 2^32 - 1 (NumPy's range). Without one, a seed is
         * drawn at build() (see {@link DirectoryIterator#seed()}).
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Also save every transformed image into this existing folder (for looking at augmentation). */
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

        /** Whether to walk into symbolically linked folders inside class folders; default false. */
        public Builder followLinks(boolean followLinks) {
            this.followLinks = followLinks;
            return this;
        }

        /** Read only this part of the {@link #validationSplit}; default null, all files. */
        public Builder subset(Subset subset) {
            this.subset = subset;
            return this;
        }

        /** The resize filter; default {@link Interpolation#NEAREST}, as Keras. */
        public Builder interpolation(Interpolation interpolation) {
            this.interpolation = interpolation;
            return this;
        }

        /** Crop the centre to the target aspect ratio before resizing (later Keras); default false. */
        public Builder keepAspectRatio(boolean keepAspectRatio) {
            this.keepAspectRatio = keepAspectRatio;
            return this;
        }

        /** The fraction of each class held out as {@link Subset#VALIDATION}, in [0, 1); default 0. */
        public Builder validationSplit(double validationSplit) {
            this.validationSplit = validationSplit;
            return this;
        }

        /** The per-sample transform (augmentation and standardisation); default the identity. */
        public Builder transform(SampleTransform<?> transform) {
            this.transform = transform;
            return this;
        }

        /** What to do with a file that cannot be loaded; default {@link BadImagePolicy#FAIL}. */
        public Builder badImagePolicy(BadImagePolicy badImagePolicy) {
            this.badImagePolicy = badImagePolicy;
            return this;
        }

        /** Loader threads, 1 to 256; default min(available processors, 4). */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Batches loaded ahead of the consumer, 1 to 64; default 2. */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Memory budget in bytes for decoded images kept across epochs (one byte per value); 0 turns the cache off.
         * Default: 512 MiB or a quarter of the maximum heap, whichever is smaller.
         */
        public Builder cacheBytes(long cacheBytes) {
            this.cacheBytes = cacheBytes;
            return this;
        }

        /** The most pixels a decoded image may have; default 89,478,485 (Pillow's limit). */
        public Builder maxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        /** The default decoded-image cache budget: min(512 MiB, max heap / 4). */
        public static long defaultCacheBytes() {
            return Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4);
        }

        /** Checks every setting, lists the files (logging the Found message) and starts the iterator. */
        public DirectoryIterator build() {
            if (directory == null) {
                throw new IllegalArgumentException("directory must not be null");
            }
            Checks.positive("targetSize height", targetHeight);
            Checks.positive("targetSize width", targetWidth);
            Checks.notNull("colorMode", colorMode, "GRAYSCALE, RGB or RGBA");
            Checks.notNull("classMode", classMode, "CATEGORICAL, BINARY, SPARSE, INPUT or NONE");
            Checks.notNull("interpolation", interpolation, "NEAREST, BILINEAR, BICUBIC, LANCZOS, BOX or HAMMING");
            Checks.notNull("badImagePolicy", badImagePolicy, "FAIL or SKIP");
            Checks.notNull("transform", transform, "a SampleTransform (SampleTransform.identity() for none)");
            if ((long) targetHeight * targetWidth * colorMode.channels() > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("targetSize must give fewer than 2^30 values per image, got "
                        + targetHeight + "x" + targetWidth);
            }
            Checks.classNames(classes);
            Checks.common(batchSize, seed, validationSplit, workers, prefetch);
            if (cacheBytes < 0) {
                throw new IllegalArgumentException("cacheBytes must be >= 0 (0 turns the cache off), got "
                        + cacheBytes);
            }
            if (maxPixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
            }
            if (saveToDir != null) {
                ImageSaver.validate(saveToDir, savePrefix, saveFormat, colorMode.channels());
            }
            FolderListing listing = FolderListing.scan(directory, classes == null || classes.isEmpty() ? null
                    : classes, followLinks, subset, validationSplit);
            return new DirectoryIterator(this, seed != null ? seed : Checks.randomSeed(), listing);
        }
    }
}
