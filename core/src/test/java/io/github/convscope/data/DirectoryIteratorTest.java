package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.image.ColorMode;
import io.github.convscope.random.NumpyRandom;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Batch contents per class mode, the Found message, epochs and build-time checks of {@link DirectoryIterator}. */
class DirectoryIteratorTest {
    @TempDir
    Path root;

    /** Three classes: a (2 images of value 10, 20), b (none), c (3 images of value 30, 40, 50). */
    @BeforeEach
    void images() {
        TestImages.png(root.resolve("a/1.png"), 4, 6, 10, 11, 12);
        TestImages.png(root.resolve("a/2.png"), 4, 6, 20, 21, 22);
        root.resolve("b").toFile().mkdirs();
        TestImages.png(root.resolve("c/1.png"), 4, 6, 30, 31, 32);
        TestImages.png(root.resolve("c/2.png"), 4, 6, 40, 41, 42);
        TestImages.png(root.resolve("c/3.png"), 4, 6, 50, 51, 52);
    }

    private DirectoryIterator.Builder plain() {
        return DirectoryIterator.builder(root).targetSize(2, 3).shuffle(false).batchSize(4);
    }

    @Test
    void categoricalIsOneHotOverAllClassesIncludingEmptyOnes() {
        try (DirectoryIterator it = plain().build()) {
            assertEquals(2, it.batchesPerEpoch());
            assertEquals(3, it.totalOutcomes());
            assertEquals(18, it.inputColumns());
            assertEquals(List.of("a", "b", "c"), it.getLabels());
            DataSet first = it.next();
            assertArrayEquals(new long[] {4, 2, 3, 3}, first.getFeatures().shape());
            assertArrayEquals(new long[] {4, 3}, first.getLabels().shape());
            assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1}, first.getLabels().data().asFloat());
            // NHWC, RGB order, values as loaded
            assertEquals(20f, first.getFeatures().getFloat(1, 1, 2, 0));
            assertEquals(21f, first.getFeatures().getFloat(1, 1, 2, 1));
            assertEquals(42f, first.getFeatures().getFloat(3, 0, 0, 2));
            DataSet last = it.next();
            assertArrayEquals(new long[] {1, 2, 3, 3}, last.getFeatures().shape());
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
        }
    }

    @Test
    void binaryAndSparseAreFloatClassIndexColumns() {
        try (DirectoryIterator it = plain().classMode(ClassMode.SPARSE).batchSize(5).build()) {
            assertEquals(1, it.totalOutcomes());
            DataSet batch = it.next();
            assertArrayEquals(new long[] {5, 1}, batch.getLabels().shape());
            assertArrayEquals(new float[] {0, 0, 2, 2, 2}, batch.getLabels().data().asFloat());
        }
        // BINARY takes exactly two classes (three are refused at build(): see IteratorMisuseTest)
        try (DirectoryIterator it = plain().classes(List.of("a", "c")).classMode(ClassMode.BINARY).batchSize(5)
                .build()) {
            assertEquals(1, it.totalOutcomes());
            DataSet batch = it.next();
            assertArrayEquals(new long[] {5, 1}, batch.getLabels().shape());
            assertArrayEquals(new float[] {0, 0, 1, 1, 1}, batch.getLabels().data().asFloat());
        }
    }

    @Test
    void inputLabelsAreACopyOfTheFeaturesAndNoneHasNoLabels() {
        try (DirectoryIterator it = plain().classMode(ClassMode.INPUT).build()) {
            DataSet batch = it.next();
            assertEquals(batch.getFeatures(), batch.getLabels());
            batch.getLabels().addi(1);
            assertEquals(10f, batch.getFeatures().getFloat(0, 0, 0, 0));
            assertEquals(18, it.totalOutcomes());
        }
        try (DirectoryIterator it = plain().classMode(ClassMode.NONE).build()) {
            assertNull(it.next().getLabels());
            assertEquals(0, it.totalOutcomes());
        }
    }

    @Test
    void grayscaleHasOneChannelAndTheTransformRunsOnEverySample() {
        SampleTransform<Integer> offset = new SampleTransform<>() {
            @Override
            public Integer draw(int height, int width, int channels, NumpyRandom random) {
                return (int) random.randint(100);
            }

            @Override
            public io.github.convscope.image.FloatImage apply(io.github.convscope.image.FloatImage image,
                    Integer parameters) {
                image.data()[0] = parameters;
                return image;
            }
        };
        try (DirectoryIterator it = plain().colorMode(ColorMode.GRAYSCALE).transform(offset).seed(9).build()) {
            DataSet batch = it.next();
            assertArrayEquals(new long[] {4, 2, 3, 1}, batch.getFeatures().shape());
            NumpyRandom expected = new NumpyRandom(9); // unshuffled: the batch's stream feeds the draws alone
            for (int i = 0; i < 4; i++) {
                assertEquals(expected.randint(100), (long) batch.getFeatures().getFloat(i, 0, 0, 0));
            }
            assertEquals(11f, batch.getFeatures().getFloat(0, 1, 1, 0)); // Pillow luma of (10, 11, 12)
        }
    }

    @Test
    void preProcessorIsAppliedToEveryBatch() {
        try (DirectoryIterator it = plain().build()) {
            it.setPreProcessor(ds -> ds.getFeatures().muli(2));
            assertEquals(20f, it.next().getFeatures().getFloat(0, 0, 0, 0));
            assertTrue(it.getPreProcessor() != null);
        }
    }

    @Test
    void logsTheKerasFoundMessage() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            plain().build().close();
            DirectoryIterator.builder(root).validationSplit(0.5).subset(Subset.VALIDATION).build().close();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("INFO io.github.convscope.data.DirectoryIterator - Found 5 images belonging to 3 "
                + "classes."), log);
        assertTrue(log.contains("Found 2 images belonging to 3 classes."), log); // int(0.5*2) + int(0.5*3)
    }

    @Test
    void resetAfterTheEpochStartsTheNextOne() {
        try (DirectoryIterator it = plain().batchSize(2).build()) {
            int batches = 0;
            while (it.hasNext()) {
                it.next();
                batches++;
            }
            assertEquals(3, batches);
            it.reset();
            assertTrue(it.hasNext());
            assertEquals(10f, it.next().getFeatures().getFloat(0, 0, 0, 0));
        }
    }

    @Test
    void anUnseededIteratorDrawsASeedAtBuild() {
        try (DirectoryIterator a = DirectoryIterator.builder(root).build()) {
            assertTrue(a.seed() >= 0 && a.seed() < (1L << 31));
        }
    }

    @Test
    void refusesBadArgumentsNamingTheParameter() {
        assertMessage("targetSize height", b -> b.targetSize(0, 5));
        assertMessage("targetSize width", b -> b.targetSize(5, -1));
        assertMessage("colorMode", b -> b.colorMode(null));
        assertMessage("classMode", b -> b.classMode(null));
        assertMessage("interpolation", b -> b.interpolation(null));
        assertMessage("badImagePolicy", b -> b.badImagePolicy(null));
        assertMessage("transform", b -> b.transform(null));
        assertMessage("batchSize", b -> b.batchSize(0));
        assertMessage("seed", b -> b.seed(-1));
        assertMessage("seed", b -> b.seed(1L << 32));
        assertMessage("validationSplit", b -> b.validationSplit(1.0));
        assertMessage("validationSplit", b -> b.validationSplit(-0.1));
        assertMessage("validationSplit", b -> b.validationSplit(Double.NaN));
        assertMessage("workers", b -> b.workers(0));
        assertMessage("prefetch", b -> b.prefetch(0));
        assertMessage("cacheBytes", b -> b.cacheBytes(-1));
        assertMessage("maxPixels", b -> b.maxPixels(0));
        assertMessage("classes", b -> b.classes(List.of("a", "a")));
        assertMessage("classes", b -> b.classes(List.of("../x")));
        assertMessage("saveToDir", b -> b.saveToDir(root.resolve("nowhere")));
        assertMessage("saveFormat", b -> b.saveToDir(root).saveFormat("webp"));
        assertMessage("saveFormat", b -> b.saveToDir(root).colorMode(ColorMode.RGBA).saveFormat("jpeg"));
        assertMessage("savePrefix", b -> b.saveToDir(root).savePrefix(null));
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = root.resolve("no-such-folder");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DirectoryIterator.builder(missing).build());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path file = TestImages.png(root.resolve("file.png"), 1, 1, 0, 0, 0);
        e = assertThrows(IllegalArgumentException.class, () -> DirectoryIterator.builder(file).build());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void everyLoadingSettingReachesTheLoaderExifOrientationIncluded(@TempDir Path dir) throws Exception {
        byte[] jpeg;
        try (java.io.InputStream in = getClass().getResourceAsStream("/image/exif_orientation6_40x20.jpg")) {
            jpeg = in.readAllBytes();
        }
        Path file = TestImages.bytes(dir.resolve("a/rotated.jpg"), jpeg);
        io.github.convscope.image.ImageLoader upright = io.github.convscope.image.ImageLoader.builder()
                .targetSize(8, 6).honorExifOrientation(true).build();
        float[] expected = upright.load(file).data();
        DirectoryIterator.Builder builder = DirectoryIterator.builder(dir).targetSize(8, 6).shuffle(false);
        try (DirectoryIterator honoured = builder.honorExifOrientation(true).build();
                DirectoryIterator ignored = builder.honorExifOrientation(false).build()) {
            assertArrayEquals(expected, honoured.next().getFeatures().data().asFloat());
            assertFalse(java.util.Arrays.equals(expected, ignored.next().getFeatures().data().asFloat()));
        }
    }

    @Test
    void serialisingAnIteratorSaysWhyItCannotBeDone() {
        try (DirectoryIterator it = plain().build()) {
            java.io.NotSerializableException e = assertThrows(java.io.NotSerializableException.class,
                    () -> new java.io.ObjectOutputStream(new ByteArrayOutputStream()).writeObject(it));
            assertTrue(e.getMessage().contains("build a new one from its builder"), e.getMessage());
        }
    }

    private void assertMessage(String parameter, Consumer<DirectoryIterator.Builder> setting) {
        DirectoryIterator.Builder builder = DirectoryIterator.builder(root);
        setting.accept(builder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build, parameter);
        assertTrue(e.getMessage().startsWith(parameter), e.getMessage());
    }
}
