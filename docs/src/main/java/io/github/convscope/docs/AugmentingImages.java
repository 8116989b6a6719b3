package io.github.convscope.docs;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.augment.TransformParameters;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.viz.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Guide, step 4: what each random transform of the lecture does to one image, alone and all together. */
public final class AugmentingImages {
    private AugmentingImages() {
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

    /** Five random transforms of one image; seeded, so a run repeats. */
    public static List<FloatImage> fiveTimes(ImageDataGenerator generator, FloatImage image, long seed) {
        List<FloatImage> augmented = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            augmented.add(generator.randomTransform(image, seed + i));   // augments only: values stay 0..255
        }
        return augmented;
    }

    /** Each augmentation alone, five times, then all of them together; returns the four pictures written. */
    public static List<Path> showAugmentations(FloatImage image, long seed, Path out) throws IOException {
        ImageDataGenerator flip = ImageDataGenerator.builder().horizontalFlip(true).build();
        ImageDataGenerator rotate = ImageDataGenerator.builder().rotationRange(45).build();
        ImageDataGenerator zoom = ImageDataGenerator.builder().zoomRange(0.5).build();
        return List.of(
                ImageGrid.of(fiveTimes(flip, image, seed)).save(out.resolve("augment-flip.png")),
                ImageGrid.of(fiveTimes(rotate, image, seed)).save(out.resolve("augment-rotate.png")),
                ImageGrid.of(fiveTimes(zoom, image, seed)).save(out.resolve("augment-zoom.png")),
                ImageGrid.of(fiveTimes(lectureAugmentation(), image, seed)).save(out.resolve("augment-all.png")));
    }

    /** Five rotations captioned with their angles: the parameters are drawn first, then applied. */
    public static Path rotationsWithAngles(FloatImage image, long seed, Path file) throws IOException {
        ImageDataGenerator rotate = ImageDataGenerator.builder().rotationRange(45).build();
        List<FloatImage> rotated = new ArrayList<>();
        List<String> angles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TransformParameters p = rotate.getRandomTransform(image.shape(), seed + i);   // theta in [-45, 45]
            rotated.add(rotate.applyTransform(image, p));
            angles.add(String.format(Locale.ROOT, "%.1f deg", p.theta()));
        }
        return ImageGrid.of(rotated).captions(angles).save(file);
    }
}
