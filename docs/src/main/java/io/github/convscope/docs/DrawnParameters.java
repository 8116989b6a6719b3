package io.github.convscope.docs;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.augment.TransformParameters;
import io.github.convscope.image.FloatImage;
import io.github.convscope.viz.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Guide, step 4 aside: drawing a transform's random parameters first, then applying them. */
public final class DrawnParameters {
    private DrawnParameters() {
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
