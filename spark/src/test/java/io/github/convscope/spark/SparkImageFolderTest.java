package io.github.convscope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.BadImagePolicy;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.Subset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** The distributed reader against flowFromDirectory on the same folder. */
class SparkImageFolderTest {
    private static JavaSparkContext sc;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        sc = LocalSpark.start("local[2]", "SparkImageFolderTest");
        Path tree = tmp.resolve("tree");
        TestImages.learnable(tree, 9, 3);
        // a third class with a nested folder and a file Keras does not list
        Path c = Files.createDirectories(tree.resolve("c_nested").resolve("inner"));
        Files.copy(tree.resolve("bright/img_001.png"), c.resolve("x.png"));
        Files.copy(tree.resolve("dark/img_000.jpg"), c.getParent().resolve("y.JPG"));
        Files.writeString(c.getParent().resolve("notes.txt"), "not an image");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }


    @Test
    void equalsFlowFromDirectoryWithAugmentationOverTwoEpochs() {
        Path tree = tmp.resolve("tree");
        ImageDataGenerator gen = augmenter();
        DirectoryIterator local = gen.flowFromDirectory(tree).targetSize(8, 9).batchSize(4).seed(11)
                .classMode(ClassMode.CATEGORICAL).subset(Subset.TRAINING).workers(2).build();
        SparkImageFolder spark = SparkImageFolder.builder(sc, tree.toUri().toString()).targetSize(8, 9).batchSize(4)
                .seed(11).classMode(ClassMode.CATEGORICAL).validationSplit(0.25).subset(Subset.TRAINING)
                .transform(SparkImageFolderTest::augmenter).numPartitions(3).build();
        try (local) {
            assertEquals(local.classIndices(), spark.classIndices());
            assertEquals(local.filenames(), spark.filenames());
            assertArrayEquals(local.classes(), spark.classes());
            assertEquals(local.batchesPerEpoch(), spark.batchesPerEpoch());
            for (int epoch = 0; epoch < 2; epoch++) {
                if (epoch > 0) {
                    local.reset();
                }
                List<DataSet> distributed = spark.batches(epoch).collect();
                assertEquals(local.batchesPerEpoch(), distributed.size());
                for (DataSet expected : distributed.isEmpty() ? List.<DataSet>of() : distributed) {
                    DataSet mine = local.next();
                    assertArrayEquals(mine.getFeatures().dup().reshape(-1).toFloatVector(), expected.getFeatures().dup().reshape(-1).toFloatVector(),
                            "epoch " + epoch + " features");
                    assertArrayEquals(mine.getFeatures().shape(), expected.getFeatures().shape());
                    assertArrayEquals(mine.getLabels().dup().reshape(-1).toFloatVector(), expected.getLabels().dup().reshape(-1).toFloatVector(),
                            "epoch " + epoch + " labels");
                }
            }
        }
    }

    @Test
    void skipPolicyFillsTheSlotLikeDirectoryIteratorAndTheDriverNamesTheFile() throws IOException {
        Path tree = tmp.resolve("damaged");
        TestImages.learnable(tree, 5, 8);
        Path bad = tree.resolve("dark/img_002.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        DirectoryIterator local = DirectoryIterator.builder(tree).targetSize(6, 6).batchSize(3).seed(5)
                .classMode(ClassMode.BINARY).badImagePolicy(BadImagePolicy.SKIP).build();
        SparkImageFolder spark = SparkImageFolder.builder(sc, tree.toString()).targetSize(6, 6).batchSize(3).seed(5)
                .classMode(ClassMode.BINARY).badImagePolicy(BadImagePolicy.SKIP).build();
        try (local) {
            List<DataSet> distributed = spark.batches(0).collect();
            for (DataSet expected : distributed) {
                DataSet mine = local.next();
                assertArrayEquals(mine.getFeatures().dup().reshape(-1).toFloatVector(), expected.getFeatures().dup().reshape(-1).toFloatVector());
                assertArrayEquals(mine.getLabels().dup().reshape(-1).toFloatVector(), expected.getLabels().dup().reshape(-1).toFloatVector());
            }
            List<String> skipped = spark.skippedFiles();
            assertEquals(1, skipped.size(), skipped.toString());
            assertTrue(skipped.get(0).contains("dark/img_002.png"), skipped.get(0));
            assertEquals(1, local.skippedCount());
        }
    }

    @Test
    void failPolicyFailsTheJobNamingTheFile() throws IOException {
        Path tree = tmp.resolve("failing");
        TestImages.learnable(tree, 3, 9);
        Files.write(tree.resolve("bright/img_001.png"), new byte[0]);
        SparkImageFolder spark = SparkImageFolder.builder(sc, tree.toString()).targetSize(6, 6).batchSize(2)
                .shuffle(false).build();
        Exception e = assertThrows(Exception.class, () -> spark.batches(0).collect());
        assertTrue(String.valueOf(e.getMessage()).contains("bright/img_001.png"), e.getMessage());
    }

    @Test
    void exampleMetadataNamesEveryFileOncePerEpoch() {
        Path tree = tmp.resolve("tree");
        SparkImageFolder spark = SparkImageFolder.builder(sc, tree.toString()).targetSize(5, 5).batchSize(5).seed(2)
                .build();
        int[] seen = new int[spark.samples()];
        for (DataSet ds : spark.batches(1).collect()) {
            for (Object index : ds.getExampleMetaData()) {
                seen[(Integer) index]++;
            }
        }
        int[] once = new int[spark.samples()];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Test
    void settingsAreCheckedAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkImageFolder.builder(sc, tmp.resolve("missing").toString()).build());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkImageFolder.builder(sc, tmp.toString()).batchSize(0).build());
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    }

    static ImageDataGenerator augmenter() {
        return ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(30).widthShiftRange(0.2)
                .horizontalFlip(true).zoomRange(0.3).validationSplit(0.25).build();
    }
}
