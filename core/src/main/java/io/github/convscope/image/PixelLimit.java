package io.github.convscope.image;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pillow's decompression-bomb rule with a configurable limit: an image above {@code maxPixels} is refused (Pillow's
 * {@code DecompressionBombError}, above twice {@code MAX_IMAGE_PIXELS}); one above half of it loads with a logged
 * warning (Pillow's {@code DecompressionBombWarning}).
 */
final class PixelLimit {
    private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

    private PixelLimit() {
    }

    /** Checks a {@code width} x {@code height} image, its size read from {@code source}, against {@code maxPixels}. */
    static void check(Path name, int width, int height, String source, long maxPixels) {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageLoadException(name, String.format(Locale.ROOT,
                    "is %dx%d = %,d pixels (from %s), more than maxPixels = %,d (a possible decompression bomb, "
                            + "as Pillow refuses it; raise maxPixels if the image is real)", width, height, pixels,
                    source, maxPixels));
        }
        if (pixels > maxPixels / 2) {
            LOG.warn("{}: image size ({} pixels) exceeds limit of {} pixels, could be decompression bomb DOS attack",
                    name, pixels, maxPixels / 2);
        }
    }
}
