package io.github.convscope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.data.ClassMode;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A task that fails once (a damaged read of one image, {@link FaultyFileSystem}) in {@code local[2,3]}, where Spark
 * retries a task up to three times: the epoch still uses every image exactly once, and the result equals the run
 * without the fault.
 */
class TaskFaultTest {
    private static JavaSparkContext sc;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        sc = LocalSpark.start("local[2,3]", "TaskFaultTest");
        sc.hadoopConfiguration().set("fs.faulty.impl", FaultyFileSystem.class.getName());
        sc.hadoopConfiguration().set("fs.faulty.impl.disable.cache", "true");
        TestImages.learnable(tmp.resolve("tree"), 20, 5);
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private SparkImageFolder folder() {
        return SparkImageFolder.builder(sc, "faulty://" + tmp.resolve("tree").toAbsolutePath()).targetSize(12, 12)
                .batchSize(8).classMode(ClassMode.BINARY).seed(6).numPartitions(3)
                .transform(() -> io.github.convscope.augment.ImageDataGenerator.builder().rescale(1.0 / 255)
                        .horizontalFlip(true).build())
                .build();
    }

    @Test
    void aRetriedDecodingFaultLeavesTheEpochUnchanged() {
        SparkImageFolder folder = folder();
        FaultyFileSystem.arm(null);
        List<DataSet> clean = folder.batches(1).collect();
        FaultyFileSystem.arm("dark/img_007.png");
        List<DataSet> faulty = folder.batches(1).collect();
        assertEquals(1, FaultyFileSystem.FIRED.get(), "the fault must have fired once");
        assertEquals(clean.size(), faulty.size());
        int[] seen = new int[folder.samples()];
        for (int b = 0; b < clean.size(); b++) {
            assertArrayEquals(clean.get(b).getFeatures().dup().reshape(-1).toFloatVector(),
                    faulty.get(b).getFeatures().dup().reshape(-1).toFloatVector());
            assertArrayEquals(clean.get(b).getLabels().dup().reshape(-1).toFloatVector(),
                    faulty.get(b).getLabels().dup().reshape(-1).toFloatVector());
            for (Object index : faulty.get(b).getExampleMetaData()) {
                seen[(Integer) index]++;
            }
        }
        for (int i = 0; i < seen.length; i++) {
            assertEquals(1, seen[i], "image " + folder.filenames().get(i) + " used " + seen[i] + " times");
        }
    }

    @Test
    void trainingThroughARetriedTaskGivesTheSameWeights() {
        SparkImageFolder folder = folder();
        FaultyFileSystem.arm(null);
        INDArray clean = train(folder);
        FaultyFileSystem.arm("bright/img_011.png");
        INDArray faulty = train(folder);
        assertEquals(1, FaultyFileSystem.FIRED.get(), "the fault must have fired once");
        double maxDiff = clean.sub(faulty).amaxNumber().doubleValue();
        assertTrue(maxDiff <= 1e-6, "largest weight difference " + maxDiff);
    }

    private INDArray train(SparkImageFolder folder) {
        Sequential model = SparkTrainerTest.model(Optimizer.adam(0.01), 12);
        SparkTrainer.builder(sc, model).workers(2).averagingFrequency(1).trainMetrics(false).build()
                .fit(folder, 1, null);
        return model.network().params().dup();
    }
}
