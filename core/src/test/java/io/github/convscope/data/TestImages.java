package io.github.convscope.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Writes the small real image files the data tests read, and reads the Keras fixture. */
final class TestImages {
    private TestImages() {
    }

    /** A PNG of h x w pixels, every pixel (r, g, b); PNG bytes whatever the file's extension. */
    static Path png(Path path, int h, int w, int r, int g, int b) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return write(path, image, "png");
    }

    /** A JPEG of varied content. */
    static Path jpeg(Path path, int h, int w, int seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, ((x * 7 + seed * 31) & 0xff) << 16 | ((y * 5 + seed) & 0xff) << 8
                        | ((x + y + seed * 3) & 0xff));
            }
        }
        return write(path, image, "jpeg");
    }

    static Path write(Path path, BufferedImage image, String format) {
        try {
            Files.createDirectories(path.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, format, bytes);
            Files.write(path, bytes.toByteArray());
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path bytes(Path path, byte[] content) {
        try {
            Files.createDirectories(path.getParent());
            return Files.write(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key=value lines of the Keras fixture, values split at '|'. */
    static Map<String, List<String>> fixture() {
        try (InputStream in = TestImages.class.getResourceAsStream("directory_iterator_fixture.txt")) {
            Map<String, List<String>> map = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    map.put(line.substring(0, eq), Arrays.asList(line.substring(eq + 1).split("\\|", -1)));
                }
            }
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
