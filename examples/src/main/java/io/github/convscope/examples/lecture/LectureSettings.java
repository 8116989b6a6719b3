package io.github.convscope.examples.lecture;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings of one lecture run.
 *
 * @param dataset the folder with {@code train/} and {@code validation/} class sub-folders
 * @param datasetDescription what the data is, in words, for the report
 * @param imageSize height and width every image is resized to
 * @param batchSize images per batch
 * @param epochs epochs per model
 * @param seed the seed of every random choice
 * @param quick whether this is the quick first look (only reported)
 */
public record LectureSettings(Path dataset, String datasetDescription, int imageSize, int batchSize, int epochs,
        long seed, boolean quick) {
    /** The lecture's image size: every image is resized to 150x150 pixels. */
    public static final int IMAGE_SIZE = 150;
    /** The lecture's batch size. */
    public static final int BATCH_SIZE = 128;
    /** The lecture's number of epochs per model. */
    public static final int EPOCHS = 15;

    /** Checks the values: sizes and counts positive, an image at least 16 pixels (three 2x2 poolings). */
    public LectureSettings {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(datasetDescription, "datasetDescription");
        if (imageSize < 16) {
            throw new IllegalArgumentException("imageSize must be at least 16 (three 2x2 poolings), got " + imageSize);
        }
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batchSize and epochs must be positive, got " + batchSize + " and "
                    + epochs);
        }
    }

    /** The training split, {@code dataset/train}. */
    public Path trainDir() {
        return dataset.resolve("train");
    }

    /** The validation split, {@code dataset/validation}. */
    public Path validationDir() {
        return dataset.resolve("validation");
    }

    /** Pixels drawn per image pixel, so that small images stay visible in the pictures. */
    public int pictureScale() {
        return Math.max(1, 150 / imageSize);
    }
}
