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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of images from a folder with one sub-folder per class, Keras's {@code flow_from_directory}, as a DL4J
 * {@link org.nd4j.linalg.dataset.api.iterator.DataSetIterator}.
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
 * {@link ClassMode}. Epochs, seeding, workers and
 * {@link #close()} work as described in {@link BatchIterator}. Images are loaded by an {@link ImageLoader} with the
 * builder's loading settings; decoded images are cached as bytes under {@code cacheBytes}.
 */
public final class DirectoryIterator extends BatchIterator {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryIterator.class);

    private final FileSource source;
    private final Map<String, Integer> classIndices;
    private final List<String> classNames;
    private final List<String> filenames;
    private final List<Path> filepaths;
    private final int[] classes;
    private final ClassMode classMode;

    private DirectoryIterator(Builder b, FileSource source, FolderListing listing, List<Path> filepaths, long seed,
            ImageLoader loader) {
        super(b.pipeline(source, seed, b.badImagePolicy, 10_000_000L), // Keras: randint(1e7) for save names
                new int[] {loader.targetHeight(), loader.targetWidth(), loader.colorMode().channels()}, b.batchSize,
                seed);
        this.source = source;
        this.classNames = listing.classNames;
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            indices.put(classNames.get(i), i);
        }
        this.classIndices = Collections.unmodifiableMap(indices);
        this.filenames = listing.filenames;
        this.filepaths = filepaths;
        this.classes = listing.classes;
        this.classMode = b.classMode;
        LOG.info("Found {} images belonging to {} classes.", filenames.size(), classNames.size());
        warnIfEmptyByMistake(b, listing);
    }

    // Keras only logs "Found 0 images"; the likely mistakes get a warning that says what to change
    private static void warnIfEmptyByMistake(Builder b, FolderListing listing) {
        if (listing.noClassFolders && (b.classes == null || b.classes.isEmpty())) {
            LOG.warn("{} has no class sub-folders, so no images were found: images are read from one sub-folder "
                    + "per class (e.g. {}), not from the folder itself", b.directory,
                    b.directory.resolve("cats").resolve("cat.1.jpg"));
        }
        if (b.subset != null && b.validationSplit == 0) {
            LOG.warn("subset({}) without validationSplit: the validation subset is empty and the training subset is "
                    + "every image; set validationSplit (e.g. 0.2) on both iterators", b.subset);
        }
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

    /**
     * The files of this iterator as paths, aligned with {@link #filenames()}: the paths the folder listing gave, so a
     * name the locale cannot decode still finds its file.
     */
    public List<Path> filepaths() {
        return filepaths;
    }

    /** The class index of every file, aligned with {@link #filenames()} (a copy). */
    public int[] classes() {
        return classes.clone();
    }

    /** Number of classes, empty class folders included. */
    public int numClasses() {
        return classNames.size();
    }

    /** The label encoding. */
    public ClassMode classMode() {
        return classMode;
    }

    /** The files skipped as unloadable so far under {@link BadImagePolicy#SKIP}, in file order. */
    public List<Path> skippedFiles() {
        List<Path> skipped = new ArrayList<>();
        for (Integer index : pipeline().badSamples().keySet()) {
            skipped.add(filepaths.get(index));
        }
        return skipped;
    }

    /** Number of files skipped so far under {@link BadImagePolicy#SKIP}. */
    public int skippedCount() {
        return pipeline().badSamples().size();
    }

    /** Number of decoded images currently held by the cache (0 when caching is off). */
    public int cachedImages() {
        return source.cache() == null ? 0 : source.cache().size();
    }

    @Override
    INDArray labels(int[] indices, INDArray features) {
        return Labels.of(classMode, indices, classes, classNames.size(), features);
    }

    @Override
    public int totalOutcomes() {
        return Labels.width(classMode, classNames.size(), inputColumns());
    }

    /** The class names in class order. */
    @Override
    public List<String> getLabels() {
        return classNames;
    }

    @Override
    public String toString() {
        return "DirectoryIterator[" + samples() + " images, " + numClasses() + " classes, " + classMode + "]";
    }

    /**
     * Builds a {@link DirectoryIterator}; every setting has Keras's name and default and is checked at
     * {@link #build()}. The loading settings ({@code targetSize}, {@code colorMode}, {@code interpolation},
     * {@code keepAspectRatio}, {@code maxPixels}, {@code maxFileBytes}, {@code honorExifOrientation}) configure the
     * iterator's {@link ImageLoader}.
     */
    public static final class Builder extends BatchIterator.Builder<Builder> {
        private final Path directory;
        private final ImageLoader.Builder loader = ImageLoader.builder().targetSize(256, 256);
        private List<String> classes;
        private ClassMode classMode = ClassMode.CATEGORICAL;
        private boolean followLinks;
        private BadImagePolicy badImagePolicy = BadImagePolicy.FAIL;
        private long cacheBytes = defaultCacheBytes();

        Builder(Path directory) {
            this.directory = directory;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The size every image is resized to, (height, width); default 256 x 256. */
        public Builder targetSize(int height, int width) {
            loader.targetSize(height, width);
            return this;
        }

        /** GRAYSCALE (1 channel), RGB (3, default) or RGBA (4). */
        public Builder colorMode(ColorMode colorMode) {
            loader.colorMode(colorMode);
            return this;
        }

        /** The resize filter; default {@link Interpolation#NEAREST}, as Keras. */
        public Builder interpolation(Interpolation interpolation) {
            loader.interpolation(interpolation);
            return this;
        }

        /** Crop the centre to the target aspect ratio before resizing (later Keras); default false. */
        public Builder keepAspectRatio(boolean keepAspectRatio) {
            loader.keepAspectRatio(keepAspectRatio);
            return this;
        }

        /**
         * The most pixels a decoded image may have; default 178,956,970 (Pillow's decompression-bomb error limit;
         * above half of it a warning is logged, as Pillow warns).
         */
        public Builder maxPixels(long maxPixels) {
            loader.maxPixels(maxPixels);
            return this;
        }

        /**
         * The largest image file read, in bytes; default 1 GiB ({@link ImageLoader#DEFAULT_MAX_FILE_BYTES}). Larger
         * files are refused from their size, unread, as bad images (see {@link #badImagePolicy}).
         */
        public Builder maxFileBytes(long maxFileBytes) {
            loader.maxFileBytes(maxFileBytes);
            return this;
        }

        /** Rotate and mirror JPEGs as their EXIF orientation says (Keras does not); default false. */
        public Builder honorExifOrientation(boolean honorExifOrientation) {
            loader.honorExifOrientation(honorExifOrientation);
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

        /** Whether to walk into symbolically linked folders inside class folders; default false. */
        public Builder followLinks(boolean followLinks) {
            this.followLinks = followLinks;
            return this;
        }

        /** What to do with a file that cannot be loaded; default {@link BadImagePolicy#FAIL}. */
        public Builder badImagePolicy(BadImagePolicy badImagePolicy) {
            this.badImagePolicy = badImagePolicy;
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

        /** The default decoded-image cache budget: min(512 MiB, max heap / 4). */
        public static long defaultCacheBytes() {
            return Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4);
        }

        /** Checks every setting, lists the files (logging the Found message) and starts the iterator. */
        public DirectoryIterator build() {
            if (directory == null) {
                throw new IllegalArgumentException("directory must not be null");
            }
            ImageLoader imageLoader = loader.build();
            Checks.positive("targetSize height", imageLoader.targetHeight());
            Checks.positive("targetSize width", imageLoader.targetWidth());
            int channels = imageLoader.colorMode().channels();
            Checks.notNull("classMode", classMode, "CATEGORICAL, BINARY, SPARSE, INPUT or NONE");
            Checks.notNull("badImagePolicy", badImagePolicy, "FAIL or SKIP");
            if ((long) imageLoader.targetHeight() * imageLoader.targetWidth() * channels > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("targetSize must give fewer than 2^30 values per image, got "
                        + imageLoader.targetHeight() + "x" + imageLoader.targetWidth());
            }
            Checks.classNames(classes);
            checkShared(channels);
            if (cacheBytes < 0) {
                throw new IllegalArgumentException("cacheBytes must be >= 0 (0 turns the cache off), got "
                        + cacheBytes);
            }
            FolderListing listing = FolderListing.scan(directory, classes == null || classes.isEmpty() ? null
                    : classes, followLinks, subset, validationSplit);
            if (classMode == ClassMode.BINARY && listing.classNames.size() != 2) {
                // Keras accepts it and trains on labels 0, 1, 2...; a sigmoid output cannot learn those
                throw new IllegalArgumentException("classMode BINARY needs exactly 2 classes, found "
                        + listing.classNames.size() + " " + listing.classNames + " in " + directory
                        + "; use classMode(ClassMode.CATEGORICAL) (or SPARSE) for " + listing.classNames.size()
                        + " classes, or classes(List.of(...)) to pick two");
            }
            // the paths as listed: a name rebuilt from its string may not find the file again
            List<Path> filepaths = listing.filepaths;
            FileSource source = new FileSource(filepaths, imageLoader,
                    cacheBytes > 0 ? new DecodedImageCache(cacheBytes) : null);
            return new DirectoryIterator(this, source, listing, filepaths, seedOrRandom(), imageLoader);
        }
    }
}
