package io.github.convscope.augment;

import io.github.convscope.data.ArrayIterator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.Subset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded, augmented batches of {@code flowFromDirectory} and {@code flow} equal Keras 1.1.0's batch for batch
 * (golden fixtures from {@code make_golden.py} over the same 11 PNGs).
 */
class FlowGoldenTest {
    private static final List<String> FILES = List.of("cats/cats_0.png", "cats/cats_1.png", "cats/cats_2.png",
            "cats/cats_3.png", "cats/cats_4.png", "cats/cats_5.png", "dogs/dogs_0.png", "dogs/dogs_1.png",
            "dogs/dogs_2.png", "dogs/dogs_3.png", "dogs/dogs_4.png");

    @TempDir
    static Path root;

    @BeforeAll
    static void copyFolder() throws IOException {
        for (String name : FILES) {
            Path target = root.resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, Golden.bytes("folder/" + name));
        }
    }

    private static ImageDataGenerator lecture() {
        return ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(45).widthShiftRange(.15)
                .heightShiftRange(.15).horizontalFlip(true).zoomRange(.5).build();
    }

    private static void assertBatches(String xName, String yName, java.util.Iterator<DataSet> it, int batches) {
        float[] x = Golden.floats(xName);
        float[] y = Golden.floats(yName);
        int xo = 0;
        int yo = 0;
        for (int b = 0; b < batches; b++) {
            DataSet batch = it.next();
            float[] features = batch.getFeatures().dup('c').data().asFloat();
            float[] labels = batch.getLabels().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data()
                    .asFloat();
            assertArrayEquals(Arrays.copyOfRange(x, xo, xo + features.length), features, xName + " batch " + b);
            assertArrayEquals(Arrays.copyOfRange(y, yo, yo + labels.length), labels, yName + " batch " + b);
            xo += features.length;
            yo += labels.length;
        }
        assertEquals(x.length, xo, "all golden batches compared");
        assertEquals(y.length, yo);
    }

    /** The iterator's batches without end: at the end of an epoch it is reset and the next epoch begins. */
    private static java.util.Iterator<DataSet> acrossEpochs(DataSetIterator it) {
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public DataSet next() {
                if (!it.hasNext()) {
                    it.reset();
                }
                return it.next();
            }
        };
    }

    @Test
    void lectureAugmentationFromDirectoryEqualsKerasBatchForBatch() {
        try (DirectoryIterator it = lecture().flowFromDirectory(root).targetSize(20, 24).batchSize(4)
                .classMode(ClassMode.BINARY).seed(3).workers(2).build()) {
            assertEquals(11, it.samples());
            // 3 batches: the epoch's last (partial) batch and the next epoch's reshuffled first one
            assertBatches("directory_lecture_x.bin", "directory_lecture_y.bin", acrossEpochs(it), 3);
        }
    }

    @Test
    void augmentedTrainingAndPlainValidationFromOneFolderWithTwoGenerators() {
        ImageDataGenerator trainGen = ImageDataGenerator.builder().rescale(1.0 / 255).validationSplit(0.4)
                .rotationRange(20).widthShiftRange(2).fillMode(FillMode.REFLECT).horizontalFlip(true).build();
        ImageDataGenerator validGen = ImageDataGenerator.builder().rescale(1.0 / 255).validationSplit(0.4).build();
        try (DirectoryIterator train = trainGen.flowFromDirectory(root).targetSize(20, 24).batchSize(3)
                .classMode(ClassMode.CATEGORICAL).seed(11).subset(Subset.TRAINING).build();
             DirectoryIterator valid = validGen.flowFromDirectory(root).targetSize(20, 24).batchSize(3)
                     .classMode(ClassMode.CATEGORICAL).shuffle(false).subset(Subset.VALIDATION).build()) {
            List<String[]> names = Golden.lines("directory_filenames.txt");
            assertEquals(Arrays.asList(names.get(0)).subList(1, names.get(0).length), train.filenames());
            assertEquals(Arrays.asList(names.get(1)).subList(1, names.get(1).length), valid.filenames());
            assertBatches("directory_train_x.bin", "directory_train_y.bin", train, 3);
            // the validation batch is not augmented: exactly the rescaled pixels
            assertBatches("directory_valid_x.bin", "directory_valid_y.bin", valid, 1);
        }
    }

    @Test
    void flowOverArraysEqualsKerasBatchForBatch() throws IOException {
        float[] x = new float[FILES.size() * 20 * 24 * 3];
        float[] y = new float[FILES.size()];
        for (int i = 0; i < FILES.size(); i++) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Golden.bytes("folder/" + FILES.get(i))));
            for (int r = 0; r < 20; r++) {
                for (int c = 0; c < 24; c++) {
                    int rgb = image.getRGB(c, r);
                    int at = ((i * 20 + r) * 24 + c) * 3;
                    x[at] = (rgb >> 16) & 0xFF;
                    x[at + 1] = (rgb >> 8) & 0xFF;
                    x[at + 2] = rgb & 0xFF;
                }
            }
            y[i] = FILES.get(i).startsWith("dogs") ? 1 : 0;
        }
        INDArray images = Nd4j.create(x, new long[] {FILES.size(), 20, 24, 3}, 'c');
        try (ArrayIterator it = lecture().flow(images, Nd4j.create(y, new long[] {FILES.size()}, 'c')).batchSize(4)
                .seed(5).build()) {
            assertBatches("flow_lecture_x.bin", "flow_lecture_y.bin", acrossEpochs(it), 3);
        }
    }
}
