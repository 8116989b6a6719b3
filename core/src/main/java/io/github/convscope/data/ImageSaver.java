package io.github.convscope.data;

import io.github.convscope.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Keras's {@code save_to_dir}: writes each transformed image as {@code {prefix}_{index}_{hash}.{format}}, scaled like
 * {@code array_to_img(scale=True)} of keras_preprocessing 1.1.0, never replacing an existing file.
 */
final class ImageSaver {
    /** Formats the JDK can write; RGBA images need one of {@link #ALPHA_FORMATS}. */
    static final Set<String> FORMATS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
    static final Set<String> ALPHA_FORMATS = Set.of("png", "tif", "tiff", "gif");
    private static final int MAX_ATTEMPTS = 1000;

    private final Path directory;
    private final String prefix;
    private final String format;
    private final long hashBound;

    ImageSaver(Path directory, String prefix, String format, long hashBound) {
        this.directory = directory;
        this.prefix = prefix;
        this.format = format.toLowerCase(Locale.ROOT);
        this.hashBound = hashBound;
    }

    /** Keras draws each name's hash with {@code randint(hashBound)}: 10^7 for folders, 10^4 for arrays. */
    long hashBound() {
        return hashBound;
    }

    /** Checks the settings the way build() reports them; {@code channels} is the loaded images' channel count. */
    static void validate(Path directory, String prefix, String format, int channels) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("saveToDir " + directory + " does not exist or is not a folder");
        }
        if (prefix == null) {
            throw new IllegalArgumentException("savePrefix must not be null (use \"\" for none)");
        }
        if (format == null || !FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("saveFormat must be one of " + FORMATS + ", got " + format);
        }
        if (channels == 4 && !ALPHA_FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("saveFormat " + format + " cannot store RGBA images; use one of "
                    + ALPHA_FORMATS);
        }
    }

    /**
     * Saves one image. When {@code {prefix}_{index}_{hash}.{format}} exists, {@code {prefix}_{index}_{hash}_k.{format}}
     * with the smallest free k is used instead.
     */
    void save(FloatImage image, int index, long hash) {
        byte[] encoded = encode(toBufferedImage(image));
        String stem = prefix + "_" + index + "_" + hash;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Path target = directory.resolve(stem + (attempt == 0 ? "" : "_" + attempt) + "." + format);
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(encoded);
                return;
            } catch (FileAlreadyExistsException e) {
                // never overwrite: try the next name
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save augmented image to " + target, e);
            }
        }
        throw new IllegalStateException("cannot save augmented image " + stem + " in " + directory + ": "
                + MAX_ATTEMPTS + " names taken");
    }

    // keras_preprocessing 1.1.0 array_to_img(scale=True): x += max(-min, 0); x /= max if max != 0; x *= 255;
    // then astype('uint8'), which truncates; all in float32.
    static BufferedImage toBufferedImage(FloatImage image) {
        float[] x = image.data();
        float min = Float.POSITIVE_INFINITY;
        for (float v : x) {
            min = Math.min(min, v);
        }
        float shift = Math.max(-min, 0f);
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v + shift);
        }
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY
                : c == 4 ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(w, h, type);
        int[] row = new int[w];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                int o = (r * w + col) * c;
                int argb = 0xff000000;
                for (int ch = 0; ch < c; ch++) {
                    float v = x[o + ch] + shift;
                    if (max != 0f) {
                        v /= max;
                    }
                    int b = ((int) (v * 255f)) & 0xff;
                    if (c == 1) {
                        argb = 0xff000000 | b << 16 | b << 8 | b;
                    } else if (ch < 3) {
                        argb |= b << (16 - 8 * ch);
                    } else {
                        argb = (argb & 0x00ffffff) | b << 24;
                    }
                }
                row[col] = argb;
            }
            if (c == 1) {
                for (int col = 0; col < w; col++) {
                    out.getRaster().setSample(col, r, 0, row[col] & 0xff);
                }
            } else {
                out.setRGB(0, r, w, 1, row, 0, w);
            }
        }
        return out;
    }

    private byte[] encode(BufferedImage image) {
        String writerName = switch (format) {
            case "jpg", "jpeg" -> "jpeg";
            case "tif", "tiff" -> "tiff";
            default -> format;
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, writerName, bytes)) {
                throw new IllegalStateException("no image writer for format " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode image as " + format, e);
        }
        return bytes.toByteArray();
    }
}
