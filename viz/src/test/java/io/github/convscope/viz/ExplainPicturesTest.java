package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.evaluation.ConfusionMatrix;
import io.github.convscope.explain.CamMethod;
import io.github.convscope.explain.FilterPattern;
import io.github.convscope.explain.Heatmaps;
import io.github.convscope.explain.Mistake;
import io.github.convscope.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Heat-map overlays, explanation and error grids, pattern mosaics and confusion-matrix plots as PNG and SVG. */
class ExplainPicturesTest {
    @TempDir
    Path dir;

    @Test
    void overlayBlendsImageAndColormapByAlpha() {
        FloatImage image = new FloatImage(1, 2, 3, new float[] {1f, 0f, 0f, 0f, 0f, 0f});
        BufferedImage out = HeatmapOverlay.of(image, new float[] {0f, 1f}).alpha(0.5).toBufferedImage();
        // pixel 0: 0.5 * red + 0.5 * jet(0) = (0.5 + 0, 0, 0 + 0.5 * 127/255) -> (128, 0, 64)
        assertEquals(0xFF800040, out.getRGB(0, 0));
        // pixel 1: 0.5 * black + 0.5 * jet(1) = 0.5 * (127, 0, 0) -> (64, 0, 0)
        assertEquals(0xFF400000, out.getRGB(1, 0));
        BufferedImage viridis = HeatmapOverlay.of(image, new float[] {0f, 1f}).colormap(Colormap.VIRIDIS).alpha(1)
                .scale(3).toBufferedImage();
        assertEquals(6, viridis.getWidth());
        assertEquals(Colormap.VIRIDIS.argbAt(255), viridis.getRGB(5, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeatmapOverlay.of(image, new float[3]));
        assertTrue(e.getMessage().contains("heat has 3 values but the image is 1x2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HeatmapOverlay.of(image, new float[2]).alpha(1.5));
    }

    @Test
    void picturesAreWrittenAsPngAndSvg() throws IOException {
        INDArray images = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 6, 5, 3);
        INDArray maps = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 6, 5);
        INDArray probs = Nd4j.create(new float[][] {{0.9f, 0.1f}, {0.3f, 0.7f}, {0.6f, 0.4f}});
        Heatmaps cams = new Heatmaps("conv", CamMethod.GRAD_CAM, maps, maps, new int[] {0, 1, 0}, probs);
        List<Mistake> mistakes = Mistake.mostConfident(new int[] {1, 0, 1}, probs.toFloatMatrix(), 3);
        ExplanationGrid errors = ExplanationGrid.errors(images, mistakes, cams, List.of("shirts", "t-shirts"));
        for (String ext : List.of("png", "svg")) {
            Path grid = ExplanationGrid.of(images, cams).columns(2).scale(4).save(dir.resolve("grid." + ext));
            Path err = errors.save(dir.resolve("errors." + ext));
            Path cm = ConfusionMatrixPlot.of(ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 0, 1},
                    List.of("shirts", "t-shirts"))).save(dir.resolve("confusion." + ext));
            FilterPattern p = new FilterPattern("conv", 2, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                    6, 5, 3), 0.1, 0.5);
            Path mosaic = PatternMosaic.of(List.of(p, p)).scale(2).save(dir.resolve("patterns." + ext));
            for (Path file : List.of(grid, err, cm, mosaic)) {
                assertTrue(OutputFiles.writtenByUs(file), file.toString());
            }
            if (ext.equals("svg")) {
                String svg = Files.readString(cm, StandardCharsets.UTF_8);
                assertTrue(svg.contains("Predicted label") && svg.contains("t-shirts"), "confusion SVG text");
                assertTrue(Files.readString(err).contains("true t-shirts / predicted shirts 0.90"), "errors caption");
            } else {
                BufferedImage read = ImageIO.read(grid.toFile());
                assertEquals(errors.toBufferedImage().getHeight() > 0, true);
                assertEquals(ExplanationGrid.of(images, cams).columns(2).scale(4).toBufferedImage().getWidth(),
                        read.getWidth());
            }
        }
        Path mine = dir.resolve("mine.svg");
        Files.writeString(mine, "<svg/>");
        assertThrows(FileAlreadyExistsException.class,
                () -> ConfusionMatrixPlot.of(ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of("a"))).save(mine));
        assertEquals("<svg/>", Files.readString(mine));
    }

    @Test
    void confusionCellsAreColouredByCount() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 0, 1}, new int[] {0, 0, 0, 0}, List.of("a", "b"));
        BufferedImage image = ConfusionMatrixPlot.of(cm).title(null).toBufferedImage();
        int rgbMax = Colormap.VIRIDIS.argb(1.0);
        int rgbZero = Colormap.VIRIDIS.argb(0.0);
        int hits = 0;
        int zeros = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                hits += image.getRGB(x, y) == rgbMax ? 1 : 0;
                zeros += image.getRGB(x, y) == rgbZero ? 1 : 0;
            }
        }
        assertTrue(hits > 64 * 50, "one cell of the largest count: " + hits);
        assertTrue(zeros > 2 * 64 * 50, "two cells of zero: " + zeros);
    }
}
