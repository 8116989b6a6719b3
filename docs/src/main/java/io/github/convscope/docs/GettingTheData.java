package io.github.convscope.docs;

import io.github.convscope.datasets.Datasets;
import io.github.convscope.examples.dataset.BundledDataset;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Guide, step 1: getting the data and counting it. */
public final class GettingTheData {
    /** Where the lecture downloads its archive from. */
    public static final URI CATS_AND_DOGS_URL =
            URI.create("https://storage.googleapis.com/mledu-datasets/cats_and_dogs_filtered.zip");

    private GettingTheData() {
    }

    /** The lecture's {@code get_file} call: downloads the archive once, extracts it, returns cats_and_dogs_filtered. */
    public static Path catsAndDogs() throws IOException {
        // No published SHA-256 for this archive: null skips the check (a warning is logged), as Keras does.
        Path extracted = Datasets.getFile("cats_and_dogs.zip", CATS_AND_DOGS_URL, null, true);
        return extracted.resolve("cats_and_dogs_filtered");
    }

    /** The dataset bundled with ConvScope, unpacked on first use; the same layout, no network needed. */
    public static Path bundled() throws IOException {
        Path root = BundledDataset.path();          // .../fashion_mnist_tshirt_shirt
        Path train = root.resolve("train");         // train/shirt, train/tshirt
        Path validation = root.resolve("validation");
        System.out.println(train + "\n" + validation);
        return root;
    }

    /** The lecture's {@code len(os.listdir(...))} for every class folder of one split. */
    public static Map<String, Integer> countImages(Path split) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(split, Files::isDirectory)) {
            for (Path folder : classes) {
                try (Stream<Path> files = Files.list(folder)) {
                    counts.put(folder.getFileName().toString(), (int) files.count());
                }
            }
        }
        return counts;                              // {shirt=1000, tshirt=1000}
    }
}
