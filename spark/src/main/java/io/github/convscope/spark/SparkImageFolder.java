package io.github.convscope.spark;

import io.github.convscope.data.BadImagePolicy;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.Subset;
import io.github.convscope.image.ColorMode;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.image.Interpolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras's {@code flow_from_directory} on Apache Spark: a class-per-folder tree on any Hadoop file system path
 * ({@code hdfs://}, {@code s3a://}, {@code file:}) read into distributed batches.
 *
 * <pre>{@code
 * SparkImageFolder train = SparkImageFolder.builder(sc, "hdfs:///data/cats_and_dogs/train")
 *         .targetSize(150, 150).batchSize(32).classMode(ClassMode.BINARY).seed(1)
 *         .transform(() -> ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(40).build())
 *         .build();                                   // logs "Found 2000 images belonging to 2 classes."
 * JavaRDD<DataSet> epoch0 = train.batches(0);
 * }</pre>
 *
 * <p>The driver lists the tree with {@code DirectoryIterator}'s rules ({@link io.github.convscope.data.FolderOrder}),
 * so {@link #classIndices()}, {@link #filenames()} and {@link #classes()} equal those of {@code flowFromDirectory} on
 * the same folder. The executors read the files through Hadoop and decode them with ConvScope's {@link ImageLoader}
 * (Pillow's pixels), and each batch is planned as {@code DirectoryIterator} plans it: batch {@code b} of epoch
 * {@code e} is drawn from NumPy's stream {@code seed + e * batchesPerEpoch + b}, the first batch of an epoch draws the
 * permutation. Batch {@code b} of {@link #batches(int)} therefore holds the same images, with the same augmentation,
 * as the {@code b}-th batch a seeded {@code DirectoryIterator} gives in that epoch, whatever the partitioning and
 * however often Spark re-runs a task. Each example's file index ({@link #filenames()}) is the {@code DataSet}'s
 * example metadata. Features are float32 NHWC.
 *
 * <p>A file that cannot be decoded follows {@link BadImagePolicy}: FAIL fails the task (the error names the file and
 * reaches the driver as the job's failure); SKIP fills the slot with the next loadable file of the epoch order, as
 * {@code DirectoryIterator} does, and the driver logs each skipped file once in {@link #skippedFiles()} (called by
 * {@link SparkTrainer} after each epoch). An I/O error reading a file fails the task, which Spark retries.
 */
public final class SparkImageFolder {
    private static final Logger LOG = LoggerFactory.getLogger(SparkImageFolder.class);

    private final JavaSparkContext sc;
    private final ReaderSpec spec;
    private final List<String> classNames;
    private final Map<String, Integer> classIndices;
    private final List<String> filenames;
    private final int[] classes;
    private final int numPartitions;
    private final Broadcast<String[]> filenamesBroadcast;
    private final Broadcast<int[]> classesBroadcast;
    private final CollectionAccumulator<String> skippedAccumulator;
    private final Set<String> skipped = new LinkedHashSet<>();

    private SparkImageFolder(Builder b, FolderWalk walk, long seed) {
        this.sc = b.sc;
        this.classNames = walk.classNames;
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            indices.put(classNames.get(i), i);
        }
        this.classIndices = Collections.unmodifiableMap(indices);
        this.filenames = walk.filenames;
        this.classes = walk.classes;
        this.spec = new ReaderSpec(b.directory, new HadoopConf(sc.hadoopConfiguration()), b.targetHeight,
                b.targetWidth, b.colorMode, b.interpolation, b.keepAspectRatio, b.maxPixels, b.classMode,
                classNames.size(), filenames.size(), b.batchSize, b.shuffle, seed, b.badImagePolicy, b.transform);
        this.numPartitions = b.numPartitions > 0 ? b.numPartitions
                : Math.max(1, Math.min(spec.batchesPerEpoch(), sc.defaultParallelism()));
        this.filenamesBroadcast = sc.broadcast(filenames.toArray(new String[0]));
        this.classesBroadcast = sc.broadcast(classes.clone());
        this.skippedAccumulator = sc.sc().collectionAccumulator("convscope skipped images");
        LOG.info("Found {} images belonging to {} classes.", filenames.size(), classNames.size());
    }

    /** A builder reading the class sub-folders of {@code directory} (a Hadoop path or URI), Keras's defaults. */
    public static Builder builder(JavaSparkContext sc, String directory) {
        return new Builder(sc, directory);
    }

    /**
     * The batches of epoch {@code epoch} (from 0), batch {@code b} being Keras's {@code b}-th batch of that epoch,
     * spread over {@link #numPartitions()} partitions of consecutive batches. Lazy: nothing is read until an action.
     */
    public JavaRDD<DataSet> batches(int epoch) {
        return batches(epoch, 0, batchesPerEpoch(), numPartitions);
    }

    /**
     * Batches {@code first} to {@code first + count - 1} of epoch {@code epoch}, over {@code partitions} partitions
     * of consecutive batches (the first partitions get one more when they do not divide evenly).
     */
    public JavaRDD<DataSet> batches(int epoch, int first, int count, int partitions) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (first < 0 || count < 1 || first + count > batchesPerEpoch()) {
            throw new IllegalArgumentException("batches " + first + " to " + (first + count - 1)
                    + " are outside 0 to " + (batchesPerEpoch() - 1));
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<Integer> numbers = new ArrayList<>(count);
        IntStream.range(first, first + count).forEach(numbers::add);
        return sc.parallelize(numbers, Math.min(partitions, count))
                .mapPartitions(new BatchLoader(spec, filenamesBroadcast, classesBroadcast, skippedAccumulator, epoch));
    }

    /**
     * Files skipped as unloadable so far under {@link BadImagePolicy#SKIP}, each with the reason, in the order the
     * driver learned of them; a file not reported before is logged here, on the driver, once.
     */
    public synchronized List<String> skippedFiles() {
        for (String entry : skippedAccumulator.value()) {
            if (skipped.add(entry)) {
                String[] parts = entry.split("\t", 2);
                LOG.warn("Skipped {}: {}", parts[0], parts.length > 1 ? parts[1] : "cannot be loaded");
            }
        }
        return List.copyOf(skipped);
    }

    /** Class name to index, in class order (sorted folder names, or the order given to {@code classes}). */
    public Map<String, Integer> classIndices() {
        return classIndices;
    }

    /** The class names in class order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The files relative to the directory, '/'-separated, in Keras's order. */
    public List<String> filenames() {
        return filenames;
    }

    /** The class index of every file, aligned with {@link #filenames()} (a copy). */
    public int[] classes() {
        return classes.clone();
    }

    /** Number of images. */
    public int samples() {
        return filenames.size();
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** Images per batch (the last batch of an epoch may be smaller). */
    public int batchSize() {
        return spec.batchSize();
    }

    /** ceil(samples / batchSize). */
    public int batchesPerEpoch() {
        return spec.batchesPerEpoch();
    }

    /** Partitions of {@link #batches(int)}. */
    public int numPartitions() {
        return numPartitions;
    }

    /** {@code [height, width, channels]} of one image. */
    public int[] imageShape() {
        return new int[] {spec.height(), spec.width(), spec.channels()};
    }

    /** The label encoding. */
    public ClassMode classMode() {
        return spec.classMode();
    }

    /** The seed in use. */
    public long seed() {
        return spec.seed();
    }

    /** The Spark context the batches belong to. */
    public JavaSparkContext sparkContext() {
        return sc;
    }

    @Override
    public String toString() {
        return "SparkImageFolder[" + spec.directory() + ", " + samples() + " images, " + numClasses() + " classes]";
    }

    /** Builds a {@link SparkImageFolder}; settings have {@code flowFromDirectory}'s names and defaults. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final String directory;
        private int targetHeight = 256;
        private int targetWidth = 256;
        private ColorMode colorMode = ColorMode.RGB;
        private List<String> classes;
        private ClassMode classMode = ClassMode.CATEGORICAL;
        private int batchSize = 32;
        private boolean shuffle = true;
        private Long seed;
        private Subset subset;
        private double validationSplit;
        private Interpolation interpolation = Interpolation.NEAREST;
        private boolean keepAspectRatio;
        private long maxPixels = ImageLoader.DEFAULT_MAX_PIXELS;
        private BadImagePolicy badImagePolicy = BadImagePolicy.FAIL;
        private TransformFactory transform;
        private int numPartitions;

        private Builder(JavaSparkContext sc, String directory) {
            this.sc = sc;
            this.directory = directory;
        }

        /** The size every image is resized to, (height, width); default 256 x 256. */
        public Builder targetSize(int height, int width) {
            this.targetHeight = height;
            this.targetWidth = width;
            return this;
        }

        /** GRAYSCALE, RGB (default) or RGBA. */
        public Builder colorMode(ColorMode value) {
            this.colorMode = value;
            return this;
        }

        /** The class folders to read, in this order; default every sub-folder, sorted. */
        public Builder classes(List<String> value) {
            this.classes = value == null ? null : new ArrayList<>(value);
            return this;
        }

        /** The label encoding; default CATEGORICAL. */
        public Builder classMode(ClassMode value) {
            this.classMode = value;
            return this;
        }

        /** Images per batch; default 32. */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Whether each epoch visits the files in a new random order; default true. */
        public Builder shuffle(boolean value) {
            this.shuffle = value;
            return this;
        }

        /** Seed of the shuffle and the transform's draws, 0 to 2^32 - 1; default one drawn at build(). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Read only this part of the {@link #validationSplit}; default all files. */
        public Builder subset(Subset value) {
            this.subset = value;
            return this;
        }

        /** The fraction of each class held out as VALIDATION, in [0, 1); default 0. */
        public Builder validationSplit(double value) {
            this.validationSplit = value;
            return this;
        }

        /** The resize filter; default NEAREST. */
        public Builder interpolation(Interpolation value) {
            this.interpolation = value;
            return this;
        }

        /** Crop the centre to the target aspect ratio before resizing; default false. */
        public Builder keepAspectRatio(boolean value) {
            this.keepAspectRatio = value;
            return this;
        }

        /** The most pixels a decoded image may have; default Pillow's limit. */
        public Builder maxPixels(long value) {
            this.maxPixels = value;
            return this;
        }

        /** What to do with a file that cannot be decoded; default FAIL. */
        public Builder badImagePolicy(BadImagePolicy value) {
            this.badImagePolicy = value;
            return this;
        }

        /** Makes the per-sample transform on each executor (augmentation); default none. */
        public Builder transform(TransformFactory value) {
            this.transform = value;
            return this;
        }

        /** Partitions of an epoch's batches; default min(batches, Spark's default parallelism). */
        public Builder numPartitions(int value) {
            this.numPartitions = value;
            return this;
        }

        /** Checks the settings, lists the tree on the driver (logging the Found message) and returns the reader. */
        public SparkImageFolder build() {
            if (sc == null) {
                throw new IllegalArgumentException("sc (the JavaSparkContext) must not be null");
            }
            if (directory == null || directory.isBlank()) {
                throw new IllegalArgumentException("directory must be a Hadoop path such as hdfs:///data/train, got "
                        + directory);
            }
            positive("targetSize height", targetHeight);
            positive("targetSize width", targetWidth);
            positive("batchSize", batchSize);
            notNull("colorMode", colorMode);
            notNull("classMode", classMode);
            notNull("interpolation", interpolation);
            notNull("badImagePolicy", badImagePolicy);
            if (seed != null && (seed < 0 || seed > 0xFFFFFFFFL)) {
                throw new IllegalArgumentException("seed must be in 0..4294967295 (NumPy's range), got " + seed);
            }
            if (!(validationSplit >= 0 && validationSplit < 1)) {
                throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + validationSplit);
            }
            if (subset != null && validationSplit == 0) {
                throw new IllegalArgumentException("subset " + subset + " needs a validationSplit > 0");
            }
            if (numPartitions < 0) {
                throw new IllegalArgumentException("numPartitions must be >= 1 (0 for the default), got "
                        + numPartitions);
            }
            if (maxPixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
            }
            Path path = new Path(directory);
            FileSystem fs;
            try {
                fs = path.getFileSystem(sc.hadoopConfiguration());
            } catch (IOException e) {
                throw new UncheckedIOException("no file system for " + directory, e);
            }
            Path qualified = fs.makeQualified(path);
            FolderWalk walk = FolderWalk.scan(fs, qualified, classes == null || classes.isEmpty() ? null : classes,
                    subset, validationSplit);
            long s = seed != null ? seed : (long) (Math.random() * 0xFFFFFFFFL);
            return new SparkImageFolder(new Builder(this, qualified.toString()), walk, s);
        }

        private Builder(Builder b, String qualified) {
            this(b.sc, qualified);
            targetHeight = b.targetHeight;
            targetWidth = b.targetWidth;
            colorMode = b.colorMode;
            classMode = b.classMode;
            batchSize = b.batchSize;
            shuffle = b.shuffle;
            interpolation = b.interpolation;
            keepAspectRatio = b.keepAspectRatio;
            maxPixels = b.maxPixels;
            badImagePolicy = b.badImagePolicy;
            transform = b.transform;
            numPartitions = b.numPartitions;
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
        }

        private static void notNull(String name, Object value) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
        }
    }
}
