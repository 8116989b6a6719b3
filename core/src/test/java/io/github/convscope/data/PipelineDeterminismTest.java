package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.image.FloatImage;
import io.github.convscope.random.NumpyRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The same seeded batches whatever the number of workers, with or without the decode cache; no leaked threads. */
class PipelineDeterminismTest {
    @TempDir
    static Path root;

    /** Adds a drawn offset to every value, so that wrong draw order or slot mix-ups change the batches. */
    private static final SampleTransform<Double> NOISE = new SampleTransform<>() {
        @Override
        public Double draw(int height, int width, int channels, NumpyRandom random) {
            return random.uniform(-5, 5);
        }

        @Override
        public FloatImage apply(FloatImage image, Double offset) {
            float[] d = image.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += offset.floatValue();
            }
            return image;
        }
    };

    @BeforeAll
    static void images() {
        for (int k = 0; k < 13; k++) {
            TestImages.jpeg(root.resolve((k % 2 == 0 ? "even" : "odd") + "/img" + k + ".jpg"), 24, 30, k);
        }
    }

    private static List<INDArray> twoEpochs(int workers, long cacheBytes, int prefetch) {
        List<INDArray> batches = new ArrayList<>();
        try (DirectoryIterator it = DirectoryIterator.builder(root).targetSize(10, 15).batchSize(4).seed(42)
                .transform(NOISE).workers(workers).cacheBytes(cacheBytes).prefetch(prefetch).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                while (it.hasNext()) {
                    DataSet batch = it.next();
                    batches.add(batch.getFeatures());
                    batches.add(batch.getLabels());
                }
                it.reset();
            }
            if (cacheBytes == 0) {
                assertEquals(0, it.cachedImages());
            } else if (cacheBytes >= 13 * 450 + 13 * 100) {
                assertEquals(13, it.cachedImages());
            }
        }
        return batches;
    }

    @Test
    void workersAndCacheDoNotChangeTheBatches() {
        List<INDArray> reference = twoEpochs(1, 0, 1);
        assertEquals(2 * 2 * 4, reference.size());
        assertEquals(reference, twoEpochs(4, 0, 3));
        assertEquals(reference, twoEpochs(3, 1L << 20, 2));
        assertEquals(reference, twoEpochs(2, 6 * 530, 2)); // a budget that holds only some images
        assertFalse(reference.get(0).equals(reference.get(8)), "epochs differ");
    }

    /**
     * Images the loader enlarges are kept as their files (a few hundred bytes here against 1,440 of pixels) and
     * decoded again on each read: the same batches as without the cache, all 13 held under a budget that holds only a
     * few of them as pixels.
     */
    @Test
    void enlargedImagesAreKeptAsTheirFilesAndGiveTheSameBatches(@TempDir Path small) throws Exception {
        long files = 0;
        for (int k = 0; k < 13; k++) {
            Path f = TestImages.jpeg(small.resolve((k % 2 == 0 ? "even" : "odd") + "/img" + k + ".jpg"), 5, 6, k);
            files += java.nio.file.Files.size(f);
        }
        long budget = files + 13 * 96;
        assertTrue(budget < 13 * (20 * 24 * 3 + 96), "the budget cannot hold the 13 images as pixels");
        List<List<INDArray>> runs = new ArrayList<>();
        for (long cacheBytes : new long[] {0, budget}) {
            List<INDArray> batches = new ArrayList<>();
            try (DirectoryIterator it = DirectoryIterator.builder(small).targetSize(20, 24).batchSize(4).seed(7)
                    .workers(2).cacheBytes(cacheBytes).build()) {
                for (int epoch = 0; epoch < 3; epoch++) {
                    while (it.hasNext()) {
                        batches.add(it.next().getFeatures());
                    }
                    it.reset();
                }
                assertEquals(cacheBytes == 0 ? 0 : 13, it.cachedImages());
            }
            runs.add(batches);
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void closeStopsTheLoaderThreads() throws InterruptedException {
        Set<Thread> before = loaderThreads();
        DirectoryIterator it = DirectoryIterator.builder(root).targetSize(10, 15).batchSize(4).workers(3).build();
        it.next();
        Set<Thread> ours = loaderThreads();
        ours.removeAll(before);
        assertFalse(ours.isEmpty());
        for (Thread t : ours) {
            assertTrue(t.isDaemon(), t.getName());
        }
        it.close();
        for (Thread t : ours) {
            t.join(5000);
            assertFalse(t.isAlive(), t.getName());
        }
    }

    private static Set<Thread> loaderThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("convscope-loader-")) {
                threads.add(t);
            }
        }
        return threads;
    }
}
