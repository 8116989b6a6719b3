package io.github.convscope.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.image.FloatImage;
import io.github.convscope.model.History;
import io.github.convscope.model.Sequential;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runs guide steps 2 to 6 at toy sizes (32x32 images, a dozen files, one epoch), so the guide's code keeps working. */
class GuideStepsTest {
    private static final int SIZE = 32;

    @TempDir
    Path tmp;

    @Test
    void readsTheFoldersAndShowsTheFirstFiveImages() throws IOException {
        Path root = TinyDataset.create(tmp.resolve("data"), 6, 3);
        try (DirectoryIterator train = ReadingTheImages.trainingBatches(root, SIZE, 6, 1);
                DirectoryIterator validation = ReadingTheImages.validationBatches(root, SIZE, 6)) {
            assertEquals(12, train.samples());
            assertEquals(6, validation.samples());
            assertEquals(Map.of("shirt", 0, "tshirt", 1), train.classIndices());

            Path grid = ReadingTheImages.firstFiveImages(train, tmp);
            BufferedImage picture = ImageIO.read(grid.toFile());
            assertTrue(picture.getWidth() >= 5 * SIZE && picture.getHeight() > SIZE, picture.toString());

            // after the look, a whole epoch is still ahead: the guide resets the iterator
            int images = 0;
            while (train.hasNext()) {
                DataSet batch = train.next();
                images += (int) batch.getFeatures().size(0);
                assertTrue(batch.getFeatures().maxNumber().doubleValue() <= 1.0, "rescaled to [0, 1]");
                assertEquals(1, batch.getLabels().size(1), "binary labels");
            }
            assertEquals(12, images);
        }
    }

    @Test
    void splitsOneFolderLikeKerasValidationSplit() throws IOException {
        Path root = TinyDataset.create(tmp.resolve("data"), 6, 0);
        List<DirectoryIterator> split = ReadingTheImages.splitOneFolder(root.resolve("train"), SIZE, 4, 1);
        try (DirectoryIterator train = split.get(0); DirectoryIterator validation = split.get(1)) {
            // Keras: the first int(0.2 * 6) = 1 file of each class is validation, the other 5 training
            assertEquals(10, train.samples());
            assertEquals(List.of("shirt/shirt.0.png", "tshirt/tshirt.0.png"), validation.filenames());
        }
    }

    @Test
    void summariesCountTheLecturesParameters() {
        // 3*3*3*16+16 + 3*3*16*32+32 + 3*3*32*64+64 + (18*18*64)*512+512 + 512+1 (same padding: 150, 75, 37, 18)
        assertTrue(TheBaselineModel.baseline(150).summary().contains("Total params: 10,641,441"));
        // at 32x32 the flatten has 4*4*64 = 1,024 values: 448 + 4,640 + 18,496 + 524,800 + 513
        assertTrue(TheBaselineModel.baseline(SIZE).summary().contains("Total params: 548,897"));
        String dropout = DropoutAndAugmentation.withDropout(SIZE).summary();
        assertTrue(dropout.contains("Total params: 548,897"), dropout);   // dropout has no weights
        assertEquals(3, dropout.lines().filter(l -> l.contains("(Dropout)")).count(), dropout);
    }

    @Test
    void augmentationsDoWhatTheirNamesSay() throws IOException {
        Path root = TinyDataset.create(tmp.resolve("data"), 1, 0);
        FloatImage image = AugmentingImages.load(root.resolve("train/shirt/shirt.0.png"), SIZE);
        assertEquals(255f, max(image));

        ImageDataGenerator flip = ImageDataGenerator.builder().horizontalFlip(true).build();
        FloatImage mirrored = mirror(image);
        assertNotEquals(image, mirrored);
        for (FloatImage flipped : AugmentingImages.fiveTimes(flip, image, 7)) {
            assertTrue(flipped.equals(image) || flipped.equals(mirrored), "a flip or the image itself");
        }
        ImageDataGenerator rotate = ImageDataGenerator.builder().rotationRange(45).build();
        List<FloatImage> rotated = AugmentingImages.fiveTimes(rotate, image, 7);
        assertEquals(rotated, AugmentingImages.fiveTimes(rotate, image, 7), "seeded, so a run repeats");
        assertNotEquals(rotated.get(0), rotated.get(1));
        for (FloatImage all : AugmentingImages.fiveTimes(AugmentingImages.lectureAugmentation(), image, 7)) {
            assertNotEquals(image, all);
            assertTrue(max(all) > 1 && max(all) <= 255, "randomTransform does not rescale: " + max(all));
        }

        List<Path> pictures = AugmentingImages.showAugmentations(image, 7, tmp);
        assertEquals(List.of("augment-flip.png", "augment-rotate.png", "augment-zoom.png", "augment-all.png"),
                pictures.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : pictures) {
            assertTrue(ImageIO.read(p.toFile()).getWidth() >= 5 * SIZE, p.toString());
        }
        assertTrue(Files.size(AugmentingImages.rotationsWithAngles(image, 7, tmp.resolve("angles.png"))) > 0);
    }

    @Test
    void trainsBothModelsAndLooksInside() throws IOException {
        Path root = TinyDataset.create(tmp.resolve("data"), 4, 2);
        Sequential baseline = TheBaselineModel.baseline(SIZE);
        try (DirectoryIterator train = ReadingTheImages.trainingBatches(root, SIZE, 4, 1);
                DirectoryIterator validation = ReadingTheImages.validationBatches(root, SIZE, 4)) {
            History history = TheBaselineModel.train(baseline, train, validation, 1, tmp.resolve("baseline.png"));
            assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
            assertEquals(1, history.epochs());
        }
        assertTrue(Files.size(tmp.resolve("baseline.png")) > 0);

        Sequential dropout = DropoutAndAugmentation.withDropout(SIZE);
        History history = DropoutAndAugmentation.train(dropout, root, 4, 1, 1, tmp.resolve("dropout.png"));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
        double accuracy = history.get("val_accuracy")[0];
        assertTrue(accuracy >= 0 && accuracy <= 1, "val_accuracy " + accuracy);
        assertTrue(Files.size(tmp.resolve("dropout.png")) > 0);

        Path file = root.resolve("validation/shirt/shirt.0.png");
        INDArray input = LookingInside.inputBatch(dropout, file);
        try (DirectoryIterator validation = ReadingTheImages.validationBatches(root, SIZE, 4)) {
            INDArray first = validation.next().getFeatures().get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all());
            assertEquals(first.castTo(DataType.FLOAT), input.castTo(DataType.FLOAT),
                    "the same values as the validation batches");
        }
        Path inside = Files.createDirectories(tmp.resolve("inside"));
        List<Path> pictures = LookingInside.showActivations(dropout, file, inside);
        assertEquals(List.of("input.png", "conv2d-channel3.png", "conv2d-channel15.png", "conv2d.png",
                "max_pooling2d.png", "dropout.png", "conv2d_1.png", "max_pooling2d_1.png", "conv2d_2.png",
                "max_pooling2d_2.png", "dropout_1.png"),
                pictures.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : pictures) {
            assertTrue(ImageIO.read(p.toFile()).getWidth() > 0, p.toString());
        }
    }

    private static float max(FloatImage image) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : image.data()) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static FloatImage mirror(FloatImage image) {
        FloatImage out = FloatImage.zeros(image.height(), image.width(), image.channels());
        for (int r = 0; r < image.height(); r++) {
            for (int c = 0; c < image.width(); c++) {
                for (int ch = 0; ch < image.channels(); ch++) {
                    out.set(r, image.width() - 1 - c, ch, image.get(r, c, ch));
                }
            }
        }
        return out;
    }
}
