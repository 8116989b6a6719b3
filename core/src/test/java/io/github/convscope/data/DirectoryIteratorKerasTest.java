package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Compares discovery, ordering, splits, seeded batch order and save names with keras_preprocessing 1.1.0, recorded
 * by make_directory_fixture.py (next to the fixture) on the same layout.
 */
class DirectoryIteratorKerasTest {
    /** The LAYOUT of make_directory_fixture.py. */
    private static final List<String> LAYOUT = List.of(
            "cats/img_10.png", "cats/img_2.png", "cats/Cat.JPG", "cats/cat.jpg", "cats/notes.txt", "cats/foo.xpng",
            "cats/notajpg", "cats/._x.jpg", "cats/a b/x.png", "cats/a/y.png", "cats/a/z/w.bmp", "cats/c.gif",
            "cats/d.tiff", "dogs/dog1.jpeg", "dogs/dog2.PPM", "dogs/Dog3.png", "dogs/dog4.png", "dogs/dog5.png",
            "dogs/nested/dog6.png", ".hidden/h1.png", "Birds/b1.png", "Birds/b2.png", "readme.png");
    private static final Map<String, List<String>> KERAS = TestImages.fixture();

    @TempDir
    Path root;

    @BeforeEach
    void buildLayout() throws IOException {
        List<String> seeded = KERAS.get("seeded.filenames");
        for (String rel : LAYOUT) {
            int id = seeded.indexOf(rel);
            if (id >= 0) {
                int v = 10 + 30 * id; // the pixel value tells which file a batch slot holds
                TestImages.png(root.resolve(rel), 2, 3, v, v, v);
            } else {
                TestImages.bytes(root.resolve(rel), new byte[0]);
            }
        }
        Files.createDirectories(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("dogs/link"), Path.of("../Birds"));
    }

    private void assertListing(String key, DirectoryIterator it) {
        assertEquals(KERAS.get(key + ".filenames"), it.filenames(), key + " filenames");
        assertEquals(KERAS.get(key + ".classes"),
                Arrays.stream(it.classes()).mapToObj(String::valueOf).collect(Collectors.toList()), key + " classes");
        assertEquals(KERAS.get(key + ".classIndices"), it.classIndices().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.toList()), key + " classIndices");
        assertEquals(it.filenames().size(), it.samples());
        assertEquals(it.classIndices().size(), it.numClasses());
        for (int i = 0; i < it.samples(); i++) {
            assertEquals(root.resolve(it.filenames().get(i)), it.filepaths().get(i));
        }
        it.close();
    }

    @Test
    void listsLikeKeras() {
        assertListing("plain", DirectoryIterator.builder(root).build());
    }

    @Test
    void followsLinksLikeKeras() {
        assertListing("links", DirectoryIterator.builder(root).followLinks(true).build());
    }

    @Test
    void explicitClassesKeepTheirOrderAndMissingFoldersAreEmpty() {
        assertListing("explicit", DirectoryIterator.builder(root).classes(List.of("dogs", "missing", "cats")).build());
    }

    @Test
    void splitsEachClassLikeKeras() {
        assertListing("validation",
                DirectoryIterator.builder(root).validationSplit(0.3).subset(Subset.VALIDATION).build());
        assertListing("training",
                DirectoryIterator.builder(root).validationSplit(0.3).subset(Subset.TRAINING).build());
    }

    private DirectoryIterator seeded(boolean shuffle, int workers) {
        return DirectoryIterator.builder(root).classes(List.of("dogs", ".hidden")).targetSize(2, 3).batchSize(3)
                .seed(1).shuffle(shuffle).workers(workers).classMode(ClassMode.SPARSE).build();
    }

    /** Which files a batch holds, read back from the pixel values written in buildLayout. */
    private static String files(DirectoryIterator it, DataSet batch) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch.numExamples(); i++) {
            int id = (batch.getFeatures().getInt(i, 0, 0, 0) - 10) / 30;
            ids.add(String.valueOf(id));
            assertEquals(it.classes()[id], batch.getLabels().getInt(i, 0), "label of file " + id);
        }
        return String.join(",", ids);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void seededBatchesFollowKerasAcrossEpochs(int workers) {
        try (DirectoryIterator it = seeded(true, workers)) {
            assertEquals(KERAS.get("seeded.filenames"), it.filenames());
            List<String> batches = new ArrayList<>();
            for (int epoch = 0; epoch < 3; epoch++) {
                while (it.hasNext()) {
                    batches.add(files(it, it.next()));
                }
                assertEquals(3, it.batchesPerEpoch());
                it.reset();
            }
            assertEquals(KERAS.get("seeded.batches"), batches);
        }
    }

    @Test
    void unshuffledBatchesFollowFileOrder() {
        try (DirectoryIterator it = seeded(false, 2)) {
            List<String> batches = new ArrayList<>();
            while (it.hasNext()) {
                batches.add(files(it, it.next()));
            }
            it.reset();
            batches.add(files(it, it.next()));
            assertEquals(KERAS.get("unshuffled.batches"), batches);
        }
    }

    @Test
    void resetMidEpochStartsANewEpochWithTheNextStream() {
        try (DirectoryIterator it = seeded(true, 3)) {
            it.reset(); // before any batch: changes nothing
            List<String> batches = new ArrayList<>();
            batches.add(files(it, it.next()));
            it.reset();
            it.reset(); // a second reset before a batch of the new epoch: changes nothing either
            while (it.hasNext()) {
                batches.add(files(it, it.next()));
            }
            assertEquals(KERAS.get("reset.batches"), batches);
            assertFalse(it.hasNext());
        }
    }

    @Test
    void saveNamesMatchKeras(@TempDir Path data, @TempDir Path save) throws IOException {
        for (String cls : List.of("a", "b")) {
            for (int k = 0; k < 3; k++) {
                TestImages.png(data.resolve(cls).resolve("p" + k + ".png"), 4, 5, 10 * k, 20, 30);
            }
        }
        // batches are saved as they are loaded, which may be ahead of the consumer: compare the whole epoch
        try (DirectoryIterator it = DirectoryIterator.builder(data).targetSize(4, 5).batchSize(4).seed(5)
                .saveToDir(save).savePrefix("aug").saveFormat("png").build()) {
            while (it.hasNext()) {
                it.next();
            }
        }
        List<String> names;
        try (Stream<Path> files = Files.list(save)) {
            names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        List<String> expected = KERAS.get("save.batches").stream().flatMap(b -> Arrays.stream(b.split(",")))
                .sorted().collect(Collectors.toList());
        assertEquals(expected, names);
    }

    @Test
    void arrayBatchesFollowKeras() {
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.arange(10).castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(10, 1, 1, 1);
        try (ArrayIterator it = ArrayIterator.builder(x, null).batchSize(4).seed(3).build()) {
            List<String> batches = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) {
                while (it.hasNext()) {
                    float[] v = it.next().getFeatures().data().asFloat();
                    batches.add(Arrays.stream(toInts(v)).mapToObj(String::valueOf).collect(Collectors.joining(",")));
                }
                it.reset();
            }
            assertEquals(KERAS.get("array.batches"), batches);
        }
        org.nd4j.linalg.api.ndarray.INDArray y = org.nd4j.linalg.factory.Nd4j.createFromArray(
                0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
        try (ArrayIterator it = ArrayIterator.builder(x, y).validationSplit(0.3).subset(Subset.TRAINING)
                .shuffle(false).batchSize(10).build()) {
            assertEquals(Integer.parseInt(KERAS.get("arrayTraining.n").get(0)), it.samples());
            DataSet batch = it.next();
            assertArrayEquals(KERAS.get("arrayTraining.y").stream().mapToInt(Integer::parseInt).toArray(),
                    batch.getLabels().toIntVector());
            assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9}, toInts(batch.getFeatures().data().asFloat()));
        }
    }

    private static int[] toInts(float[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = (int) values[i];
        }
        return ints;
    }
}
