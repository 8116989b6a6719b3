package io.github.convscope.examples.lecture;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.datasets.Datasets;
import io.github.convscope.examples.dataset.BundledDataset;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Step 1: getting the data, counting the images of each class, and reading them in batches. */
public final class TheData {
    /** Where the lecture downloads its archive from. */
    public static final URI CATS_AND_DOGS_URL =
            URI.create("https://storage.googleapis.com/mledu-datasets/cats_and_dogs_filtered.zip");

    private TheData() {
    }

    /** Prints and reports the images per class and opens the run's training and validation batches. */
    public static void run(LectureRun run) throws IOException {
        LectureSettings s = run.settings();
        Map<String, Integer> train = countPerClass(s.trainDir());
        Map<String, Integer> validation = countPerClass(s.validationDir());
        List<List<?>> rows = new ArrayList<>();
        int totalTrain = 0;
        int totalValidation = 0;
        for (String cls : train.keySet()) {
            int t = train.get(cls);
            int v = validation.getOrDefault(cls, 0);
            run.out().printf(Locale.ROOT, "total training %s images: %d%n", cls, t);
            run.out().printf(Locale.ROOT, "total validation %s images: %d%n", cls, v);
            rows.add(List.of(cls, t, v));
            totalTrain += t;
            totalValidation += v;
        }
        run.out().println("--");
        run.out().printf(Locale.ROOT, "Total training images: %d%nTotal validation images: %d%n", totalTrain,
                totalValidation);
        run.report().paragraph("Data: " + s.datasetDescription());
        run.report().table(List.of("class", "training images", "validation images"), rows);

        String found = found(run.trainBatches()) + "\n" + found(run.validationBatches());
        run.out().println(found);
        run.report().preformatted(found);
    }

    /** The lecture's {@code get_file} call: downloads the archive once, extracts it, returns cats_and_dogs_filtered. */
    public static Path catsAndDogs(Path cacheDir) throws IOException {
        // No published SHA-256 for this archive: null skips the check (a warning is logged), as Keras does.
        Path extracted = Datasets.getFile("cats_and_dogs.zip", CATS_AND_DOGS_URL, null, true, cacheDir);
        return extracted.resolve("cats_and_dogs_filtered");
    }

    /** The dataset bundled with ConvScope, unpacked into {@code cacheDir} on first use: the same layout, offline. */
    public static Path bundled(Path cacheDir) throws IOException {
        Path root = BundledDataset.path(cacheDir);  // <cacheDir>/fashion_mnist_tshirt_shirt
        return root;                                // train/shirt, train/tshirt, validation/shirt, validation/tshirt
    }

    /** The lecture's {@code len(os.listdir(...))} for every class folder of one split. */
    public static Map<String, Integer> countPerClass(Path split) throws IOException {
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
        return counts;                              // {shirt=1000, tshirt=1000}
    }

    /** The lecture's {@code train_data_gen}: shuffled training batches, rescaled to [0, 1], with binary labels. */
    public static DirectoryIterator trainingBatches(Path root, int size, int batchSize, long seed) {
        ImageDataGenerator trainImageGenerator = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        return trainImageGenerator.flowFromDirectory(root.resolve("train"))
                .batchSize(batchSize)                // batch_size=128
                .shuffle(true)
                .seed(seed)                          // without one, each run shuffles differently
                .targetSize(size, size)              // target_size=(150, 150)
                .classMode(ClassMode.BINARY)         // labels 0/1 for one sigmoid output
                .build();                            // logs "Found 2000 images belonging to 2 classes."
    }

    /** The lecture's {@code val_data_gen}: the validation images, rescaled, in file order. */
    public static DirectoryIterator validationBatches(Path root, int size, int batchSize) {
        ImageDataGenerator validationImageGenerator = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        return validationImageGenerator.flowFromDirectory(root.resolve("validation"))
                .batchSize(batchSize)
                .shuffle(false)                      // the order cannot change the validation metrics
                .targetSize(size, size)
                .classMode(ClassMode.BINARY)
                .build();                            // logs "Found 1000 images belonging to 2 classes."
    }

    /** Keras's {@code Found N images belonging to K classes.} line for an iterator. */
    public static String found(DirectoryIterator it) {
        return "Found " + it.samples() + " images belonging to " + it.numClasses() + " classes.";
    }
}
