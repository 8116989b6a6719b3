package io.github.convscope.examples.dataset;

import io.github.convscope.datasets.Datasets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dataset that ships with ConvScope: 2,000 training and 1,000 validation images of two Fashion-MNIST classes
 * (T-shirt/top and Shirt, MIT licence), laid out like the lecture's {@code cats_and_dogs_filtered}. It is one
 * compressed resource, unpacked to the dataset cache on first use and reused afterwards.
 *
 * <pre>{@code
 * Path root = BundledDataset.path();            // .../fashion_mnist_tshirt_shirt
 * Path train = root.resolve("train");           // train/shirt, train/tshirt
 * }</pre>
 */
public final class BundledDataset {
    /** File name of the resource, beside this class's package in the examples jar. */
    public static final String RESOURCE_NAME = "fashion_mnist_tshirt_shirt.tar.gz";
    /** SHA-256 of the resource, as printed by {@link BuildFashionSubset}; a different resource is refused. */
    public static final String SHA256 = "c14d7b657e422890d5fd9bff7b220cfeca6ba3a4a23fa786bde5e4da44d8adf3";
    /** Class folders in each split, in Keras's (sorted) class-index order. */
    public static final java.util.List<String> CLASSES = java.util.List.of("shirt", "tshirt");

    private static final String RESOURCE = "/io/github/convscope/examples/" + RESOURCE_NAME;

    private BundledDataset() {
    }

    /** The dataset root (holding {@code train} and {@code validation}) in the default cache, unpacked if needed. */
    public static Path path() throws IOException {
        return path(Datasets.defaultCacheDir());
    }

    /**
     * The dataset root under {@code cacheDir}, unpacked there on first use: into a folder named after the resource's
     * hash, atomically, so an interrupted unpack is redone and a newer resource never mixes with an older one.
     */
    public static Path path(Path cacheDir) throws IOException {
        byte[] archive;
        try (InputStream in = BundledDataset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the bundled dataset resource " + RESOURCE + " is missing from the class path");
            }
            archive = in.readAllBytes();
        }
        String actual = Datasets.sha256(new java.io.ByteArrayInputStream(archive));
        if (!actual.equals(SHA256)) {
            throw new IOException("the bundled dataset resource " + RESOURCE + " is corrupt: SHA-256 " + actual
                    + ", expected " + SHA256);
        }
        Path dir = Files.createDirectories(cacheDir);
        Path destination = dir.resolve(BuildFashionSubset.TOP_FOLDER + "-" + SHA256.substring(0, 12));
        Path temp = Files.createTempFile(dir, "." + RESOURCE_NAME + ".", ".tmp");
        try {
            Files.write(temp, archive);
            Datasets.extractArchive(temp, destination);
        } finally {
            Files.deleteIfExists(temp);
        }
        return destination.resolve(BuildFashionSubset.TOP_FOLDER);
    }
}
