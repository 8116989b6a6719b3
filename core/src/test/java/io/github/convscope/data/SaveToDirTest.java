package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code saveToDir}: Keras's scaling and names, and never replacing a file. */
class SaveToDirTest {
    @TempDir
    Path data;

    private List<String> run(Path save) throws IOException {
        for (int k = 0; k < 5; k++) {
            TestImages.png(data.resolve("x/" + k + ".png"), 3, 4, 20 * k, 100, 200);
        }
        try (DirectoryIterator it = DirectoryIterator.builder(data).targetSize(3, 4).batchSize(2).seed(11)
                .saveToDir(save).savePrefix("s").build()) {
            while (it.hasNext()) {
                it.next();
            }
        }
        try (Stream<Path> files = Files.list(save)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void neverOverwritesAnExistingFile(@TempDir Path first, @TempDir Path second) throws IOException {
        List<String> names = run(first);
        assertEquals(5, names.size());
        for (String name : names) {
            assertTrue(name.matches("s_[0-4]_[0-9]+\\.png"), name);
            Files.writeString(second.resolve(name), "user file");
        }
        List<String> after = run(second);
        assertEquals(10, after.size());
        for (String name : names) {
            assertEquals("user file", Files.readString(second.resolve(name)));
            assertTrue(after.contains(name.replace(".png", "_1.png")), after.toString());
        }
    }

    @Test
    void savedImagesAreScaledLikeArrayToImg(@TempDir Path save) throws IOException {
        List<String> names = run(save);
        // every image is (20k, 100, 200): max 200 -> 255, so 100 -> trunc(0.5 * 255) = 127
        BufferedImage image = ImageIO.read(save.resolve(names.get(4)).toFile());
        int rgb = image.getRGB(0, 0);
        assertEquals(127, (rgb >> 8) & 0xff);
        assertEquals(255, rgb & 0xff);
    }

    @Test
    void scalingShiftsNegativeValuesThenDividesByTheMaximumAndTruncates() {
        FloatImage x = new FloatImage(2, 2, 1, new float[] {-1, 0, 1, 3});
        BufferedImage image = ImageSaver.toBufferedImage(x);
        int[] values = new int[4];
        for (int i = 0; i < 4; i++) {
            values[i] = image.getRaster().getSample(i % 2, i / 2, 0);
        }
        assertArrayEquals(new int[] {0, 63, 127, 255}, values); // [0, 1, 2, 4] / 4 * 255, truncated
        BufferedImage black = ImageSaver.toBufferedImage(new FloatImage(1, 2, 3, new float[6]));
        assertEquals(0, black.getRGB(1, 0) & 0xffffff);
    }
}
