package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageGridTest {
    @TempDir
    Path dir;

    private static INDArray batch() {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(DataType.FLOAT, 5, 10, 12, 3);
    }

    @Test
    void unitAndByteRangesRenderTheSame() {
        INDArray unit = batch();
        ImageGrid a = ImageGrid.of(unit);
        ImageGrid b = ImageGrid.of(unit.mul(255));
        assertEquals(1.0, a.effectiveMaxValue());
        assertEquals(255.0, b.effectiveMaxValue());
        BufferedImage ia = a.toBufferedImage();
        BufferedImage ib = b.toBufferedImage();
        int differing = 0;
        for (int y = 0; y < ia.getHeight(); y++) {
            for (int x = 0; x < ia.getWidth(); x++) {
                int pa = ia.getRGB(x, y);
                int pb = ib.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    differing += Math.abs(((pa >> shift) & 0xFF) - ((pb >> shift) & 0xFF)) > 1 ? 1 : 0;
                }
            }
        }
        assertEquals(0, differing, "float rounding may move a value by one level, no more");
        // Pixel (row 2, column 3) of image 1: gap 8, cell width 12.
        float red = unit.getFloat(1, 2, 3, 0);
        assertEquals((int) (red * 255), (ia.getRGB(8 + 12 + 8 + 3, 8 + 2) >> 16) & 0xFF);
    }

    @Test
    void rowsColumnsAndCaptionsShapeThePng() throws IOException {
        ImageGrid grid = ImageGrid.of(batch()).columns(2).scale(2);
        Path file = grid.save(dir.resolve("grid.png"));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(2 * 24 + 3 * 8, read.getWidth());
        assertEquals(3 * 20 + 4 * 8, read.getHeight());
        BufferedImage captioned = grid.captions(List.of("cat", "dog", "dog", "cat", "cat")).toBufferedImage();
        assertTrue(captioned.getHeight() > read.getHeight(), "caption bands");
        assertTrue(countDark(captioned) > countDark(grid.toBufferedImage()), "caption text is drawn");
    }

    @Test
    void greyImagesAndValidation() {
        FloatImage grey = new FloatImage(2, 2, 1, new float[] {0f, 0.5f, 1f, 0.25f});
        BufferedImage image = ImageGrid.of(List.of(grey)).toBufferedImage();
        assertEquals(0xFF7F7F7F, image.getRGB(8 + 1, 8));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(List.of(grey)).captions(List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(List.of(grey)).columns(0));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(List.of(grey)).maxValue(0));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(Nd4j.zeros(DataType.FLOAT, 2, 3)));
    }

    private static int countDark(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                dark += ((p >> 16) & 0xFF) < 100 && ((p >> 8) & 0xFF) < 100 && (p & 0xFF) < 100 ? 1 : 0;
            }
        }
        return dark;
    }
}
