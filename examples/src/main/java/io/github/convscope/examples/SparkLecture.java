package io.github.convscope.examples;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.examples.dataset.BundledDataset;
import io.github.convscope.examples.lecture.Augmentation;
import io.github.convscope.examples.lecture.DropoutAndAugmentation;
import io.github.convscope.examples.lecture.OutputFolder;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.inspect.ActivationExtractor;
import io.github.convscope.inspect.ActivationModel;
import io.github.convscope.inspect.FeatureMap;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.History;
import io.github.convscope.model.Sequential;
import io.github.convscope.spark.SparkImageFolder;
import io.github.convscope.spark.SparkTrainer;
import io.github.convscope.spark.TrainingMode;
import io.github.convscope.viz.FeatureMapGrid;
import io.github.convscope.viz.HtmlReport;
import io.github.convscope.viz.ImageGrid;
import io.github.convscope.viz.TrainingCurves;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lecture's final model (three convolution blocks with dropout, trained on augmented images) trained on Apache
 * Spark with DL4J's parameter averaging, from the bundled dataset or any Hadoop path, with the lecture's report:
 * training curves, the History table and the activations of every layer for one validation image.
 *
 * <p>Options are the lecture's ({@code --epochs}, {@code --image-size}, {@code --batch-size}, {@code --seed},
 * {@code --quick}, {@code --output}, {@code --cache-dir}) plus {@code --master} (default {@code local[*]}; under
 * {@code spark-submit} the submitted master wins), {@code --averaging-frequency N} (default 5) and {@code --data}
 * as a Hadoop path or URI holding {@code train/} and {@code validation/}. See docs/spark.md for the JVM flags.
 */
public final class SparkLecture {
    private SparkLecture() {
    }

    /** Runs the program; prints where the report is. */
    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>();
        String master = "local[*]";
        String data = null;
        int averaging = 5;
        boolean outputGiven = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> master = args[++i];
                case "--data" -> data = args[++i];
                case "--averaging-frequency" -> averaging = Integer.parseInt(args[++i]);
                default -> {
                    outputGiven |= args[i].equals("--output");
                    rest.add(args[i]);
                }
            }
        }
        if (!outputGiven) {
            rest.add("--output");
            rest.add("spark-lecture-output");
        }
        LectureOptions options = LectureOptions.parse(rest.toArray(new String[0]));
        if (options.help) {
            System.out.println(LectureOptions.USAGE.replace("Usage: Lecture", "Usage: SparkLecture [--master URL] "
                    + "[--averaging-frequency N]"));
            return;
        }
        SparkConf conf = new SparkConf().setAppName("ConvScope lecture on Spark").setIfMissing("spark.master", master)
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            String root = data != null ? data : (options.cacheDir != null ? BundledDataset.path(options.cacheDir)
                    : BundledDataset.path()).toUri().toString();
            Path index = run(sc, root, options, averaging);
            System.out.println();
            System.out.println("Report: " + index.toAbsolutePath());
        }
    }

    static Path run(JavaSparkContext sc, String root, LectureOptions options, int averaging) throws IOException {
        Instant start = Instant.now();
        OutputFolder folder = OutputFolder.claim(options.output);
        int size = options.imageSize();
        HtmlReport.Builder report = HtmlReport.builder("ConvScope on Apache Spark: the lecture's model");
        report.paragraph("The lecture's model with dropout, trained on augmented images by DL4J's parameter "
                + "averaging on Spark (" + sc.master() + ", " + sc.defaultParallelism() + " workers). Every number "
                + "and picture on this page comes from this run.");

        report.section("1. The data");
        SparkImageFolder train = SparkImageFolder.builder(sc, root + "/train").targetSize(size, size)
                .batchSize(options.batchSize).classMode(ClassMode.BINARY).seed(options.seed)
                .transform(Augmentation::lectureAugmentation).build();
        SparkImageFolder validation = SparkImageFolder.builder(sc, root + "/validation").targetSize(size, size)
                .batchSize(options.batchSize).classMode(ClassMode.BINARY).shuffle(false)
                .transform(() -> ImageDataGenerator.builder().rescale(1.0 / 255).build()).build();
        String found = "Found " + train.samples() + " images belonging to " + train.numClasses() + " classes.\n"
                + "Found " + validation.samples() + " images belonging to " + validation.numClasses() + " classes.";
        System.out.println(found);
        report.paragraph("Read from " + root + " by the executors; training batches augmented there (rescale 1/255, "
                + "rotationRange 45, widthShiftRange 0.15, heightShiftRange 0.15, horizontalFlip, zoomRange 0.5).");
        report.preformatted(found);
        INDArray firstBatch = train.batches(0, 0, 1, 1).first().getFeatures();
        long shown = Math.min(5, firstBatch.size(0));
        ImageGrid.of(firstBatch.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, shown))).scale(Math.max(1,
                150 / size)).save(folder.file("step1-augmented-batch.png"));
        report.image("step1-augmented-batch.png", "The first images of epoch 1's first batch, as an executor "
                + "augmented them");

        report.section("2. Training on Spark");
        Sequential model = DropoutAndAugmentation.withDropout(size, options.seed);
        System.out.println(model.summary());
        report.preformatted(model.summary());
        SparkTrainer trainer = SparkTrainer.builder(sc, model).mode(TrainingMode.PARAMETER_AVERAGING)
                .averagingFrequency(averaging).build();
        History history = trainer.fit(train, options.epochs(), validation,
                FitOptions.builder().verbose(2).out(System.out).build());
        TrainingCurves curves = TrainingCurves.of(history);
        curves.save(folder.file("step2-curves.png"));
        curves.save(folder.file("step2-curves.svg"));
        report.image("step2-curves.png", "Accuracy and loss, training vs validation (also as step2-curves.svg)");
        List<String> header = new ArrayList<>(List.of("epoch"));
        header.addAll(history.keys());
        List<List<?>> rows = new ArrayList<>();
        for (int e = 0; e < history.epochs(); e++) {
            List<Object> row = new ArrayList<>(List.of(e + 1));
            for (String k : history.keys()) {
                row.add(String.format(Locale.ROOT, "%.4f", history.get(k)[e]));
            }
            rows.add(row);
        }
        report.table(header, rows);
        report.paragraph("Training values are computed after each epoch on the executors, over the epoch's "
                + "augmented batches with the epoch's final weights; training took " + history.wallTime().toSeconds()
                + " s for " + history.epochs() + " epochs with " + trainer.workers() + " workers averaging every "
                + averaging + " batches.");

        report.section("3. What every layer sees");
        String file = validation.filenames().get(0);
        FloatImage input = load(sc, root + "/validation/" + file, size);
        INDArray batch = Nd4j.create(input.data(), new long[] {1, size, size, input.channels()}, 'c').muli(1.0 / 255);
        ImageGrid.of(batch).scale(Math.max(1, 150 / size)).save(folder.file("step3-input.png"));
        report.image("step3-input.png", "The input: validation image " + file);
        ActivationModel activations = ActivationExtractor.of(model).lectureLayers().build();
        for (FeatureMap map : activations.predict(batch)) {
            if (map.isSpatial()) {
                String png = "maps/" + map.layerName() + ".png";
                FeatureMapGrid.of(map).save(folder.file(png));
                report.image(png, map.layerName() + " (" + map.layerType() + "), " + map.channels()
                        + " channels of " + map.height() + "x" + map.width());
            }
        }

        report.section("Settings");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("data", root);
        settings.put("Spark", sc.version() + ", master " + sc.master());
        settings.put("workers", trainer.workers());
        settings.put("averaging frequency", averaging);
        settings.put("epochs", options.epochs());
        settings.put("batch size", options.batchSize);
        settings.put("image size", size + " x " + size);
        settings.put("seed", options.seed);
        settings.put("Java", System.getProperty("java.version"));
        settings.put("wall time", Duration.between(start, Instant.now()).toSeconds() + " s");
        report.keyValues(settings);
        folder.file(HtmlReport.FILE_NAME);
        return report.build().write(folder.root());
    }

    /** One image from any Hadoop path, decoded as the executors decode it. */
    private static FloatImage load(JavaSparkContext sc, String uri, int size) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = path.getFileSystem(sc.hadoopConfiguration());
        byte[] bytes;
        try (InputStream in = fs.open(path)) {
            bytes = in.readAllBytes();
        }
        return ImageLoader.builder().targetSize(size, size).build().load(bytes, Path.of(path.getName()));
    }
}
