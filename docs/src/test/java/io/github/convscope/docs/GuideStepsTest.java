package io.github.convscope.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.examples.lecture.Augmentation;
import io.github.convscope.examples.lecture.DropoutAndAugmentation;
import io.github.convscope.examples.lecture.FiveTrainingImages;
import io.github.convscope.examples.lecture.LectureRun;
import io.github.convscope.examples.lecture.LectureSettings;
import io.github.convscope.examples.lecture.LectureStep;
import io.github.convscope.examples.lecture.LookingInside;
import io.github.convscope.examples.lecture.OutputFolder;
import io.github.convscope.examples.lecture.TheBaselineModel;
import io.github.convscope.examples.lecture.TheData;
import io.github.convscope.examples.lecture.TrainedModel;
import io.github.convscope.examples.lecture.WhyTheModelDecides;
import io.github.convscope.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs the code the guide quotes, the lecture's steps, at toy sizes (32x32 images, a dozen files, one epoch), so the
 * guide's code keeps working.
 */
class GuideStepsTest {
    private static final int SIZE = 32;

    @TempDir
    Path tmp;

    @Test
    void readsTheFoldersAndShowsTheFirstFiveImages() throws IOException {
        Path root = TinyDataset.create(tmp.resolve("data"), 6, 3);
        try (DirectoryIterator train = TheData.trainingBatches(root, SIZE, 6, 1);
                DirectoryIterator validation = TheData.validationBatches(root, SIZE, 6)) {
            assertEquals(12, train.samples());
            assertEquals(6, validation.samples());
            assertEquals(Map.of("shirt", 0, "tshirt", 1), train.classIndices());

            Path grid = FiveTrainingImages.firstImages(train, 5).save(tmp.resolve("first-five.png"));
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
        List<DirectoryIterator> split = OneFolderSplit.splitOneFolder(root.resolve("train"), SIZE, 4, 1);
        try (DirectoryIterator train = split.get(0); DirectoryIterator validation = split.get(1)) {
            // Keras: the first int(0.2 * 6) = 1 file of each class is validation, the other 5 training
            assertEquals(10, train.samples());
            assertEquals(List.of("shirt/shirt.0.png", "tshirt/tshirt.0.png"), validation.filenames());
        }
    }

    @Test
    void summariesCountTheLecturesParameters() {
        // 3*3*3*16+16 + 3*3*16*32+32 + 3*3*32*64+64 + (18*18*64)*512+512 + 512+1 (same padding: 150, 75, 37, 18)
        assertTrue(TheBaselineModel.baseline(LectureSettings.IMAGE_SIZE, 1).summary()
                .contains("Total params: 10,641,441"));
        // at 32x32 the flatten has 4*4*64 = 1,024 values: 448 + 4,640 + 18,496 + 524,800 + 513
        assertTrue(TheBaselineModel.baseline(SIZE, 1).summary().contains("Total params: 548,897"));
        String dropout = DropoutAndAugmentation.withDropout(SIZE, 1).summary();
        assertTrue(dropout.contains("Total params: 548,897"), dropout);   // dropout has no weights
        assertEquals(3, dropout.lines().filter(l -> l.contains("(Dropout)")).count(), dropout);
    }

    @Test
    void augmentationsDoWhatTheirNamesSay() throws IOException {
        Path root = TinyDataset.create(tmp.resolve("data"), 1, 0);
        FloatImage image = Augmentation.load(root.resolve("train/shirt/shirt.0.png"), SIZE);
        assertEquals(255f, max(image));

        Map<String, ImageDataGenerator> transforms = Augmentation.transforms();
        assertEquals(List.of("horizontal flip", "rotation up to 45 degrees", "zoom up to 50%",
                "all together: rotation 45, shifts 0.15, flip, zoom 0.5"), List.copyOf(transforms.keySet()));
        FloatImage mirrored = mirror(image);
        assertNotEquals(image, mirrored);
        for (FloatImage flipped : Augmentation.fiveTimes(transforms.get("horizontal flip"), image, 7)) {
            assertTrue(flipped.equals(image) || flipped.equals(mirrored), "a flip or the image itself");
        }
        ImageDataGenerator rotate = transforms.get("rotation up to 45 degrees");
        List<FloatImage> rotated = Augmentation.fiveTimes(rotate, image, 7);
        assertEquals(rotated, Augmentation.fiveTimes(rotate, image, 7), "seeded, so a run repeats");
        assertNotEquals(rotated.get(0), rotated.get(1));
        for (FloatImage all : Augmentation.fiveTimes(Augmentation.lectureAugmentation(), image, 7)) {
            assertNotEquals(image, all);
            assertTrue(max(all) > 1 && max(all) <= 255, "randomTransform does not rescale: " + max(all));
        }
        assertTrue(Files.size(DrawnParameters.rotationsWithAngles(image, 7, tmp.resolve("angles.png"))) > 0);
    }

    @Test
    void theLecturesStepsTrainBothModelsLookInsideAndExplainThem() throws IOException {
        Path root = TinyDataset.create(tmp.resolve("data"), 4, 2);
        LectureSettings settings = new LectureSettings(root, "a tiny generated folder", SIZE, 4, 1, 1, true);
        OutputFolder folder = OutputFolder.claim(tmp.resolve("out"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<LectureStep> steps = List.of(new LectureStep("1", TheData::run),
                new LectureStep("2", FiveTrainingImages::run), new LectureStep("3", TheBaselineModel::run),
                new LectureStep("4", Augmentation::run), new LectureStep("5", DropoutAndAugmentation::run),
                new LectureStep("6", LookingInside::run), new LectureStep("7", WhyTheModelDecides::run));
        try (LectureRun run = new LectureRun(settings, new PrintStream(printed, true, StandardCharsets.UTF_8), folder,
                "tiny", Instant.now())) {
            for (LectureStep step : steps) {
                run.section(step.title());
                step.run(run);
            }
            assertEquals(List.of(TheBaselineModel.NAME, DropoutAndAugmentation.NAME),
                    run.trained().stream().map(TrainedModel::name).toList());
            for (TrainedModel trained : run.trained()) {
                assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), trained.history().keys());
                double accuracy = trained.history().get("val_accuracy")[0];
                assertTrue(accuracy >= 0 && accuracy <= 1, "val_accuracy " + accuracy);
            }

            Path file = root.resolve("validation/shirt/shirt.0.png");
            INDArray input = LookingInside.inputBatch(run.lastTrained().model(), file);
            DirectoryIterator validation = run.validationBatches();
            validation.reset();
            INDArray first = validation.next().getFeatures().get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all());
            assertEquals(first.castTo(DataType.FLOAT), input.castTo(DataType.FLOAT),
                    "the same values as the validation batches");
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("total training shirt images: 4") && out.contains("Epoch 1/1"), out);
        assertEquals(List.of("step2-training-images.png", "step3-curves.png", "step3-curves.svg",
                "step4-augmentation-1.png", "step4-augmentation-2.png", "step4-augmentation-3.png",
                "step4-augmentation-4.png", "step5-curves.png", "step5-curves.svg", "step6-input.png",
                "step6-conv2d-channel3.png", "step6-conv2d-channel15.png", "maps/conv2d.png",
                "maps/max_pooling2d.png", "maps/dropout.png", "maps/conv2d_1.png", "maps/max_pooling2d_1.png",
                "maps/conv2d_2.png", "maps/max_pooling2d_2.png", "maps/dropout_1.png",
                "step7-baseline-confusion.png", "step7-baseline-mean-gradcam.png",
                "step7-dropout-augmentation-confusion.png", "step7-dropout-augmentation-mean-gradcam.png",
                "step7-baseline-gradcam.png", "step7-dropout-augmentation-gradcam.png", "step7-errors.png",
                "step7-patterns.png"), folder.files());
        assertTrue(out.contains("weighted avg"), "the classification report is printed: " + out);
        for (String name : folder.files()) {
            if (name.endsWith(".png")) {
                assertTrue(ImageIO.read(folder.root().resolve(name).toFile()).getWidth() > 0, name);
            }
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
