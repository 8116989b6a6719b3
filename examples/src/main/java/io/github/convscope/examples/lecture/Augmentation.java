package io.github.convscope.examples.lecture;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.viz.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 4: what each random transform of the lecture does to one training image, alone and all together. */
public final class Augmentation {
    private Augmentation() {
    }

    /** Draws each transform five times on the first training image, then all of them together. */
    public static void run(LectureRun run) throws IOException {
        Path trainDir = run.settings().trainDir();
        Path file = run.trainBatches().filepaths().get(0);
        FloatImage image = load(file, run.settings().imageSize());
        run.report().paragraph("Each transform applied five times to the same training image ("
                + trainDir.relativize(file) + "), then all of them together.");
        int n = 0;
        for (Map.Entry<String, ImageDataGenerator> e : transforms().entrySet()) {
            List<FloatImage> variants = fiveTimes(e.getValue(), image, run.settings().seed() * 1000 + n * 10L);
            String picture = "step4-augmentation-" + (++n) + ".png";
            ImageGrid.of(variants).maxValue(255).scale(run.settings().pictureScale()).save(run.file(picture));
            run.report().subheading(e.getKey());
            run.report().image(picture, e.getKey() + ", five draws");
        }
    }

    /** Each transform the lecture shows, alone, then all of them together, by the name the report gives it. */
    public static Map<String, ImageDataGenerator> transforms() {
        Map<String, ImageDataGenerator> transforms = new LinkedHashMap<>();
        transforms.put("horizontal flip", ImageDataGenerator.builder().horizontalFlip(true).build());
        transforms.put("rotation up to 45 degrees", ImageDataGenerator.builder().rotationRange(45).build());
        transforms.put("zoom up to 50%", ImageDataGenerator.builder().zoomRange(0.5).build());
        transforms.put("all together: rotation 45, shifts 0.15, flip, zoom 0.5", lectureAugmentation());
        return transforms;
    }

    /** The lecture's augmentation for training: rotation, shifts, flips and zoom, then rescaling to [0, 1]. */
    public static ImageDataGenerator lectureAugmentation() {
        return ImageDataGenerator.builder()
                .rescale(1.0 / 255)
                .rotationRange(45)
                .widthShiftRange(0.15)
                .heightShiftRange(0.15)
                .horizontalFlip(true)
                .zoomRange(0.5)
                .build();
    }

    /** One image file as Keras's {@code load_img} + {@code img_to_array}: float32 HWC RGB, values 0..255. */
    public static FloatImage load(Path file, int size) {
        ImageLoader loader = ImageLoader.builder().targetSize(size, size).build();
        return loader.load(file);                    // e.g. train.filepaths().get(0)
    }

    /** Five random transforms of one image, seeded {@code seed}, {@code seed + 1}, ...: a run repeats. */
    public static List<FloatImage> fiveTimes(ImageDataGenerator generator, FloatImage image, long seed) {
        List<FloatImage> augmented = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            augmented.add(generator.randomTransform(image, seed + i));   // augments only: values stay 0..255
        }
        return augmented;
    }
}
