package io.github.convscope.examples;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.datasets.Datasets;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.examples.dataset.BundledDataset;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.inspect.ActivationExtractor;
import io.github.convscope.inspect.ActivationModel;
import io.github.convscope.inspect.FeatureMap;
import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Dropout;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.History;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import io.github.convscope.viz.ChannelView;
import io.github.convscope.viz.FeatureMapGrid;
import io.github.convscope.viz.HtmlReport;
import io.github.convscope.viz.ImageGrid;
import io.github.convscope.viz.TrainingCurves;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image-classification lecture, end to end: counts the data, shows five training images, trains the baseline
 * CNN (which over-fits), shows each augmentation, trains the CNN with dropout on augmented data, and draws the
 * activations of every layer; every picture goes into one output folder with an offline {@code index.html} report.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests package exec:java} (add
 * {@code -Dexec.args="--quick"} for a first look); {@code --help} lists the options.
 */
public final class Lecture {
    private static final Logger LOG = LoggerFactory.getLogger(Lecture.class);
    /** The lecture's dataset on the network, used with {@code --dataset cats-and-dogs}. */
    static final URI CATS_AND_DOGS_URL =
            URI.create("https://storage.googleapis.com/mledu-datasets/cats_and_dogs_filtered.zip");
    private static final int SAMPLES_SHOWN = 5;

    private final LectureOptions options;
    private final PrintStream out;
    private final OutputFolder folder;
    private final HtmlReport.Builder report = HtmlReport.builder("ConvScope: image classification and visualization");
    private final int size;

    private Lecture(LectureOptions options, PrintStream out, OutputFolder folder) {
        this.options = options;
        this.out = out;
        this.folder = folder;
        this.size = options.imageSize();
    }

    /** Runs the lecture with the command-line options (see {@code --help}) and prints where the report is. */
    public static void main(String[] args) throws IOException {
        LectureOptions options;
        try {
            options = LectureOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(LectureOptions.USAGE);
            return;
        }
        Path report = run(options, System.out);
        System.out.println();
        System.out.println("Report: " + report.toAbsolutePath());
    }

    /** Runs every step and returns the written {@code index.html}. */
    static Path run(LectureOptions options, PrintStream out) throws IOException {
        Instant start = Instant.now();
        OutputFolder folder = OutputFolder.claim(options.output);
        Lecture lecture = new Lecture(options, out, folder);
        return lecture.runAll(start);
    }

    private Path runAll(Instant start) throws IOException {
        Path dataset = dataset();
        Path trainDir = dataset.resolve("train");
        Path validationDir = dataset.resolve("validation");
        report.paragraph("Every number and picture on this page comes from this run. The steps follow the lecture: "
                + "the data, a baseline CNN that over-fits, augmentation, a CNN with dropout trained on augmented "
                + "data, and the activations of every layer.");

        // Step 1: the data.
        step("1. The data");
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        counts.put("train", countPerClass(trainDir));
        counts.put("validation", countPerClass(validationDir));
        List<List<?>> countRows = new ArrayList<>();
        int totalTrain = 0;
        int totalValidation = 0;
        for (String cls : counts.get("train").keySet()) {
            int t = counts.get("train").get(cls);
            int v = counts.get("validation").getOrDefault(cls, 0);
            out.printf(Locale.ROOT, "total training %s images: %d%n", cls, t);
            out.printf(Locale.ROOT, "total validation %s images: %d%n", cls, v);
            countRows.add(List.of(cls, t, v));
            totalTrain += t;
            totalValidation += v;
        }
        out.println("--");
        out.printf(Locale.ROOT, "Total training images: %d%nTotal validation images: %d%n", totalTrain,
                totalValidation);
        report.paragraph("Data: " + describeData(dataset));
        report.table(List.of("class", "training images", "validation images"), countRows);

        ImageDataGenerator plain = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        DirectoryIterator train = flow(plain, trainDir, true);
        DirectoryIterator validation = flow(plain, validationDir, false);
        String found = found(train) + "\n" + found(validation);
        out.println(found);
        report.preformatted(found);

        // Step 2: the first five training images.
        step("2. Five training images");
        DataSet first = train.next();
        int shown = Math.min(SAMPLES_SHOWN, first.numExamples());
        INDArray five = first.getFeatures().get(NDArrayIndex.interval(0, shown), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());
        List<String> captions = new ArrayList<>();
        INDArray labels = first.getLabels();
        for (int i = 0; i < shown; i++) {
            captions.add(train.getLabels().get(labels.getInt(i, 0)));
        }
        train.reset();
        String samples = "step2-training-images.png";
        ImageGrid.of(five).captions(captions).scale(scaleFor(size)).save(folder.file(samples));
        report.paragraph("The first batch of the training iterator (shuffled with seed " + options.seed
                + "), rescaled to [0, 1], with each image's class.");
        report.image(samples, "The first " + shown + " training images");

        // Step 3: the baseline model.
        step("3. The baseline model over-fits");
        Sequential baseline = model(false);
        out.println(baseline.summary());
        report.preformatted(baseline.summary());
        History baselineHistory = baseline.fit(train, options.epochs(), validation, progress());
        train.close();
        reportHistory("step3", baselineHistory, "the baseline model");
        report.paragraph(gapSentence(baselineHistory));

        // Step 4: augmentation, one transform at a time, then all together.
        step("4. Data augmentation");
        Path exampleImage = train.filepaths().get(0);
        ImageLoader loader = ImageLoader.builder().targetSize(size, size).build();
        FloatImage image = loader.load(exampleImage);
        report.paragraph("Each transform applied five times to the same training image ("
                + trainDir.relativize(exampleImage) + "), then all of them together.");
        Map<String, ImageDataGenerator> single = new LinkedHashMap<>();
        single.put("horizontal flip", ImageDataGenerator.builder().horizontalFlip(true).build());
        single.put("rotation up to 45 degrees", ImageDataGenerator.builder().rotationRange(45).build());
        single.put("zoom up to 50%", ImageDataGenerator.builder().zoomRange(0.5).build());
        single.put("all together: rotation 45, shifts 0.15, flip, zoom 0.5", augmentation(1.0).build());
        int n = 0;
        for (Map.Entry<String, ImageDataGenerator> e : single.entrySet()) {
            List<FloatImage> variants = new ArrayList<>();
            for (int i = 0; i < SAMPLES_SHOWN; i++) {
                variants.add(e.getValue().randomTransform(image, options.seed * 1000 + n * 10L + i));
            }
            String file = "step4-augmentation-" + (++n) + ".png";
            ImageGrid.of(variants).maxValue(255).scale(scaleFor(size)).save(folder.file(file));
            report.subheading(e.getKey());
            report.image(file, e.getKey() + ", five draws");
        }

        // Step 5: dropout and augmentation.
        step("5. Dropout and augmentation");
        ImageDataGenerator augmented = augmentation(1.0 / 255).build();
        DirectoryIterator augmentedTrain = flow(augmented, trainDir, true);
        out.println(found(augmentedTrain));
        Sequential withDropout = model(true);
        out.println(withDropout.summary());
        report.paragraph("The same network with Dropout(0.3) after the first and third pooling layers and "
                + "Dropout(0.1) after the dense layer, trained on augmented batches (rescale 1/255, rotationRange 45, "
                + "widthShiftRange 0.15, heightShiftRange 0.15, horizontalFlip, zoomRange 0.5).");
        report.preformatted(withDropout.summary());
        History dropoutHistory = withDropout.fit(augmentedTrain, options.epochs(), validation, progress());
        augmentedTrain.close();
        reportHistory("step5", dropoutHistory, "the model with dropout, on augmented data");
        report.paragraph(gapSentence(dropoutHistory));
        report.subheading("Both models side by side");
        report.table(List.of("model", "final accuracy", "final val_accuracy", "gap", "lowest val_loss"),
                List.of(comparisonRow("baseline", baselineHistory),
                        comparisonRow("dropout + augmentation", dropoutHistory)));

        // Step 6: what the layers see.
        step("6. What every layer sees");
        FloatImage input = loader.load(validation.filepaths().get(0));
        validation.close();
        INDArray batch = Nd4j.create(input.data(), new long[] {1, size, size, input.channels()}, 'c').muli(1.0 / 255);
        ActivationModel activations = ActivationExtractor.of(withDropout).lectureLayers().build();
        List<FeatureMap> maps = activations.predict(batch);
        String inputFile = "step6-input.png";
        ImageGrid.of(batch).scale(scaleFor(size)).save(folder.file(inputFile));
        report.paragraph("The activation model has one output per layer from the first convolution to the last "
                + "layer before Flatten: " + String.join(", ", activations.layerNames()) + ". Its input is one "
                + "validation image: " + validationDir.relativize(validation.filepaths().get(0)) + ".");
        report.image(inputFile, "The input image");
        FeatureMap firstLayer = maps.get(0);
        for (int channel : new int[] {3, 15}) {
            int c = Math.min(channel, firstLayer.channels() - 1);
            String file = "step6-" + firstLayer.layerName() + "-channel" + c + ".png";
            ChannelView.of(firstLayer, 0, c).save(folder.file(file));
            report.image(file, firstLayer.layerName() + ", channel " + c + " (viridis)");
        }
        report.subheading("Every channel of every layer");
        for (FeatureMap map : maps) {
            if (!map.isSpatial()) {
                continue;
            }
            String file = "maps/" + map.layerName() + ".png";
            FeatureMapGrid.of(map).imagesPerRow(FeatureMapGrid.DEFAULT_IMAGES_PER_ROW).save(folder.file(file));
            report.image(file, map.layerName() + " (" + map.layerType() + "), " + map.channels() + " channels of "
                    + map.height() + "x" + map.width());
        }

        // The run itself.
        step("Settings");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dataset", describeData(dataset));
        settings.put("epochs per model", options.epochs());
        settings.put("batch size", options.batchSize);
        settings.put("image size", size + " x " + size);
        settings.put("seed", options.seed);
        settings.put("quick", options.quick);
        settings.put("ConvScope", version("io/github/convscope/examples/version.properties", "version"));
        settings.put("Deeplearning4j", version("META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties",
                "version"));
        settings.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        settings.put("operating system", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        settings.put("processors", Runtime.getRuntime().availableProcessors());
        settings.put("wall time", seconds(start, Instant.now()));
        report.keyValues(settings);
        folder.file(HtmlReport.FILE_NAME);
        Path index = report.build().write(folder.root());
        LOG.info("Report written to {}", index);
        return index;
    }

    /** Keras-style progress on the program's output (redrawn in place when it is a terminal). */
    private FitOptions progress() {
        return FitOptions.builder().out(out).build();
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
        report.section(title);
    }

    private Path dataset() throws IOException {
        if (options.data != null) {
            return options.data;
        }
        Path cache = options.cacheDir != null ? options.cacheDir : Datasets.defaultCacheDir();
        if (options.dataset == LectureOptions.Dataset.CATS_AND_DOGS) {
            return Datasets.getFile("cats_and_dogs.zip", CATS_AND_DOGS_URL, null, true, cache)
                    .resolve("cats_and_dogs_filtered");
        }
        return BundledDataset.path(cache);
    }

    private String describeData(Path dataset) {
        if (options.data != null) {
            return "the folder " + dataset;
        }
        return options.dataset == LectureOptions.Dataset.CATS_AND_DOGS
                ? "cats_and_dogs_filtered (the lecture's Kaggle subset)"
                : "the bundled Fashion-MNIST subset: T-shirt/top vs Shirt, 28x28 grey images (MIT licence)";
    }

    private DirectoryIterator flow(ImageDataGenerator generator, Path dir, boolean shuffle) {
        return generator.flowFromDirectory(dir).targetSize(size, size).batchSize(options.batchSize)
                .classMode(ClassMode.BINARY).shuffle(shuffle).seed(options.seed).build();
    }

    private static String found(DirectoryIterator it) {
        return "Found " + it.samples() + " images belonging to " + it.numClasses() + " classes.";
    }

    /** The lecture's augmentation, with {@code rescale} as given (1 for pictures in 0..255). */
    private static ImageDataGenerator.Builder augmentation(double rescale) {
        return ImageDataGenerator.builder().rescale(rescale).rotationRange(45).widthShiftRange(0.15)
                .heightShiftRange(0.15).horizontalFlip(true).zoomRange(0.5);
    }

    private Sequential model(boolean dropout) {
        Sequential.Builder b = Sequential.builder().inputShape(size, size, 3)
                .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of());
        if (dropout) {
            b.add(Dropout.of(0.3));
        }
        b.add(Conv2D.of(32, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(64, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of());
        if (dropout) {
            b.add(Dropout.of(0.3));
        }
        b.add(Flatten.of()).add(Dense.of(512).activation(Activation.RELU));
        if (dropout) {
            b.add(Dropout.of(0.1));
        }
        return b.add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
                .seed(options.seed)
                .build();
    }

    private void reportHistory(String prefix, History history, String what) throws IOException {
        String png = prefix + "-curves.png";
        String svg = prefix + "-curves.svg";
        TrainingCurves curves = TrainingCurves.of(history);
        curves.save(folder.file(png));
        curves.save(folder.file(svg));
        report.image(png, "Accuracy and loss of " + what + ", training vs validation (also as " + svg + ")");
        List<String> keys = history.keys();
        List<String> header = new ArrayList<>();
        header.add("epoch");
        header.addAll(keys);
        List<List<?>> rows = new ArrayList<>();
        for (int e = 0; e < history.epochs(); e++) {
            List<Object> row = new ArrayList<>();
            row.add(e + 1);
            for (String k : keys) {
                row.add(String.format(Locale.ROOT, "%.4f", history.get(k)[e]));
            }
            rows.add(row);
        }
        report.table(header, rows);
        report.paragraph("Training took " + history.wallTime().toSeconds() + " s for " + history.epochs()
                + " epochs.");
    }

    private static String gapSentence(History h) {
        double acc = last(h, "accuracy");
        double val = last(h, "val_accuracy");
        return String.format(Locale.ROOT, "After the last epoch: training accuracy %.3f, validation accuracy %.3f "
                + "(a gap of %.3f).", acc, val, acc - val);
    }

    private static List<Object> comparisonRow(String name, History h) {
        double acc = last(h, "accuracy");
        double val = last(h, "val_accuracy");
        double minLoss = Double.POSITIVE_INFINITY;
        for (double v : h.get("val_loss")) {
            minLoss = Math.min(minLoss, v);
        }
        return List.of(name, fmt(acc), fmt(val), fmt(acc - val), fmt(minLoss));
    }

    private static double last(History h, String key) {
        double[] values = h.get(key);
        return values[values.length - 1];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() + " s";
    }

    /** Pixels drawn per image pixel so that small images stay visible in the pictures. */
    private static int scaleFor(int size) {
        return Math.max(1, 150 / size);
    }

    private static Map<String, Integer> countPerClass(Path split) throws IOException {
        if (!Files.isDirectory(split)) {
            throw new IOException("expected a folder of class sub-folders at " + split);
        }
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> classes = Files.list(split)) {
            for (Path dir : classes.filter(Files::isDirectory).collect(Collectors.toList())) {
                try (Stream<Path> files = Files.list(dir)) {
                    counts.put(dir.getFileName().toString(), (int) files.filter(Files::isRegularFile).count());
                }
            }
        }
        return counts;
    }

    private static String version(String resource, String key) {
        try (InputStream in = Lecture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
