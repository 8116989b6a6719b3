package io.github.convscope.examples.dataset;

import io.github.convscope.datasets.Datasets;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Builds the bundled dataset: a two-class subset of Fashion-MNIST laid out like the lecture's
 * {@code cats_and_dogs_filtered} ({@code train/tshirt}, {@code train/shirt}, {@code validation/tshirt},
 * {@code validation/shirt}), written as one reproducible {@code .tar.gz}.
 *
 * <p>Selection is deterministic: for each class, the first 1,000 images of that label in the training IDX file go to
 * {@code train}, the first 500 of that label in the test ({@code t10k}) IDX file go to {@code validation}. T-shirt/top
 * is label 0, Shirt is label 6. Images are saved as 28x28 8-bit grayscale PNGs named
 * {@code <class>.<index in the IDX file>.png}; loading them with {@code ColorMode.RGB} replicates the grey channel.
 *
 * <pre>
 * java ... BuildFashionSubset [--idx DIR] [--out FILE] [--train N] [--validation N] [--overwrite]
 * </pre>
 * {@code --idx} defaults to where Debian's {@code dataset-fashion-mnist} package installs the original IDX files.
 */
public final class BuildFashionSubset {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path DEBIAN_IDX_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The archive's top-level folder, as {@code cats_and_dogs_filtered} is for the lecture's archive. */
    public static final String TOP_FOLDER = "fashion_mnist_tshirt_shirt";

    private static final String[] CLASS_NAMES = {"tshirt", "shirt"};
    private static final int[] LABELS = {0, 6};

    private BuildFashionSubset() {
    }

    /** Builds the archive; prints its size and SHA-256 (the value {@code BundledDataset} checks). */
    public static void main(String[] args) throws IOException {
        Path idx = DEBIAN_IDX_DIR;
        Path out = Path.of("examples/src/main/resources/io/github/convscope/examples/"
                + BundledDataset.RESOURCE_NAME);
        int train = 1000;
        int validation = 500;
        boolean overwrite = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--idx" -> idx = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--train" -> train = Integer.parseInt(value(args, ++i));
                case "--validation" -> validation = Integer.parseInt(value(args, ++i));
                case "--overwrite" -> overwrite = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --idx DIR --out FILE --train N --validation N --overwrite");
            }
        }
        if (overwrite) {
            Files.deleteIfExists(out);
        }
        build(idx, out, train, validation);
        System.out.println("Wrote " + out + " (" + Files.size(out) + " bytes), SHA-256 " + Datasets.sha256(out));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /**
     * Writes the subset to {@code out} (which must not exist) from the four IDX files in {@code idxDir}, taking the
     * first {@code trainPerClass} / {@code validationPerClass} images of each label.
     */
    public static void build(Path idxDir, Path out, int trainPerClass, int validationPerClass) throws IOException {
        if (trainPerClass < 1 || validationPerClass < 1) {
            throw new IllegalArgumentException("trainPerClass and validationPerClass must be >= 1, got "
                    + trainPerClass + " and " + validationPerClass);
        }
        if (Files.exists(out)) {
            throw new IOException(out + " exists; refusing to overwrite it (pass --overwrite to replace it)");
        }
        IdxFile trainImages = IdxFile.read(find(idxDir, "train-images-idx3-ubyte"), 3);
        IdxFile trainLabels = IdxFile.read(find(idxDir, "train-labels-idx1-ubyte"), 1);
        IdxFile testImages = IdxFile.read(find(idxDir, "t10k-images-idx3-ubyte"), 3);
        IdxFile testLabels = IdxFile.read(find(idxDir, "t10k-labels-idx1-ubyte"), 1);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        boolean done = false;
        try (TarGzWriter tar = new TarGzWriter(out)) {
            String top = TOP_FOLDER + "/";
            tar.directory(top);
            tar.file(top + "README.txt", readme(trainPerClass, validationPerClass).getBytes(StandardCharsets.UTF_8));
            tar.file(top + "LICENSE.txt", LICENSE.getBytes(StandardCharsets.UTF_8));
            writeSplit(tar, top + "train/", trainImages, trainLabels, trainPerClass);
            writeSplit(tar, top + "validation/", testImages, testLabels, validationPerClass);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(out);
            }
        }
    }

    private static Path find(Path dir, String base) throws IOException {
        for (Path candidate : List.of(dir.resolve(base + ".gz"), dir.resolve(base))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no " + base + "(.gz) in " + dir
                + " (install Debian's dataset-fashion-mnist package or pass --idx DIR)");
    }

    private static void writeSplit(TarGzWriter tar, String prefix, IdxFile images, IdxFile labels, int perClass)
            throws IOException {
        if (images.count() != labels.count()) {
            throw new IOException("images and labels disagree: " + images.count() + " vs " + labels.count());
        }
        tar.directory(prefix);
        // Classes in sorted folder order (shirt, tshirt), as flow_from_directory will see them.
        for (int c : new int[] {1, 0}) {
            String folder = prefix + CLASS_NAMES[c] + "/";
            tar.directory(folder);
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < labels.count() && picked.size() < perClass; i++) {
                if (labels.value(i, 0) == LABELS[c]) {
                    picked.add(i);
                }
            }
            if (picked.size() < perClass) {
                throw new IOException("only " + picked.size() + " images of label " + LABELS[c] + ", need " + perClass);
            }
            for (int i : picked) {
                tar.file(folder + String.format("%s.%05d.png", CLASS_NAMES[c], i), png(images, i));
            }
        }
    }

    private static byte[] png(IdxFile images, int item) throws IOException {
        int height = images.dimension(1);
        int width = images.dimension(2);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, images.item(item));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }

    private static String readme(int train, int validation) {
        return "Two classes of Fashion-MNIST, laid out like cats_and_dogs_filtered for the ConvScope lecture.\n\n"
                + "Source: Fashion-MNIST by Zalando Research (https://github.com/zalandoresearch/fashion-mnist),\n"
                + "as installed by Debian's dataset-fashion-mnist package. Licence: MIT (see LICENSE.txt).\n\n"
                + "train/tshirt, train/shirt: the first " + train + " images of label 0 (T-shirt/top) and of\n"
                + "label 6 (Shirt) in train-images-idx3-ubyte.\n"
                + "validation/tshirt, validation/shirt: the first " + validation + " images of each label in\n"
                + "t10k-images-idx3-ubyte.\n"
                + "Files are 28x28 8-bit grayscale PNGs named <class>.<index in the IDX file>.png.\n"
                + "Built by io.github.convscope.examples.dataset.BuildFashionSubset.\n";
    }

    private static final String LICENSE = "The MIT License (MIT)\n\n"
            + "Copyright (c) 2017 Zalando SE, https://tech.zalando.com\n\n"
            + "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
            + "of this software and associated documentation files (the \"Software\"), to deal\n"
            + "in the Software without restriction, including without limitation the rights\n"
            + "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
            + "copies of the Software, and to permit persons to whom the Software is\n"
            + "furnished to do so, subject to the following conditions:\n\n"
            + "The above copyright notice and this permission notice shall be included in all\n"
            + "copies or substantial portions of the Software.\n\n"
            + "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n"
            + "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
            + "FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
            + "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
            + "LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
            + "OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\n"
            + "SOFTWARE.\n";
}
