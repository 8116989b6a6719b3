package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.inspect.FeatureMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class FeatureMapGridTest {
    @TempDir
    Path dir;

    @Test
    void lectureScalingOfAKnownChannel() {
        // mean 1.5, population std sqrt(1.25) = 1.1180340; (v - 1.5) / std * 64 + 128, truncated.
        assertArrayEquals(new int[] {42, 99, 156, 213}, ChannelScaling.toUint8(new float[] {0, 1, 2, 3}));
        // mean 10, std 30: 0 -> 106.67 -> 106; 100 -> 320 -> clipped to 255.
        float[] spike = new float[10];
        spike[9] = 100;
        int[] scaled = ChannelScaling.toUint8(spike);
        assertEquals(106, scaled[0]);
        assertEquals(255, scaled[9]);
        // -3 std clips at 0: mean 0, std 1 for {-1, 1} -> 64, 192; for a far low outlier the value goes below 0.
        assertArrayEquals(new int[] {64, 192}, ChannelScaling.toUint8(new float[] {-1, 1}));
        float[] low = new float[17];
        low[0] = -100;
        assertEquals(0, ChannelScaling.toUint8(low)[0]);
    }

    @Test
    void constantChannelStaysFlat() {
        assertArrayEquals(new int[] {128, 128, 128}, ChannelScaling.toUint8(new float[] {5f, 5f, 5f}));
        assertArrayEquals(new int[] {128, 128}, ChannelScaling.toUint8(new float[] {0f, 0f}));
    }

    /** One image, 2x3 maps, 5 channels; channel k holds k * 10 + position, channel 2 is constant. */
    private static FeatureMap fiveChannels() {
        float[] data = new float[2 * 3 * 5];
        for (int pos = 0; pos < 6; pos++) {
            for (int k = 0; k < 5; k++) {
                data[pos * 5 + k] = k == 2 ? 7f : k * 10 + pos * (k + 1);
            }
        }
        return new FeatureMap("conv2d", "Conv2D", Nd4j.create(data, new long[] {1, 2, 3, 5}, DataType.FLOAT));
    }

    @Test
    void gridPlacesChannelsWithOnePixelSeparators() {
        FeatureMap map = fiveChannels();
        int[][] grid = FeatureMapGrid.of(map).imagesPerRow(2).values();
        assertEquals(3 * 3 - 1, grid.length);
        assertEquals(2 * 4 - 1, grid[0].length);
        for (int k = 0; k < 5; k++) {
            int[] expected = ChannelScaling.toUint8(map.channelValues(0, k));
            int top = (k / 2) * 3;
            int left = (k % 2) * 4;
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[r * 3 + c], grid[top + r][left + c], "channel " + k);
                }
            }
        }
        assertEquals(128, grid[3][0], "constant channel 2 (row 1, column 0) is flat");
        assertEquals(128, grid[4][2], "constant channel 2 (row 1, column 0) is flat");
        for (int c = 0; c < 7; c++) {
            assertEquals(0, grid[2][c], "separator row");
            assertEquals(0, grid[5][c], "separator row");
        }
        for (int r = 0; r < 8; r++) {
            assertEquals(0, grid[r][3], "separator column");
        }
        for (int r = 6; r < 8; r++) {
            for (int c = 4; c < 7; c++) {
                assertEquals(0, grid[r][c], "unused cell after the last channel");
            }
        }
    }

    @Test
    void pngHasTheExpectedSize() throws IOException {
        FeatureMapGrid grid = FeatureMapGrid.of(fiveChannels()).imagesPerRow(2).scale(4).title(null);
        Path file = grid.save(dir.resolve("grid.png"));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(7 * 4, read.getWidth());
        assertEquals(8 * 4, read.getHeight());
        // A separator pixel is the colormap's lowest colour (the grid minimum, 0).
        assertEquals(Colormap.VIRIDIS.argbAt(0), read.getRGB(3 * 4 + 1, 0));
        BufferedImage titled = FeatureMapGrid.of(fiveChannels()).imagesPerRow(2).scale(4).toBufferedImage();
        assertTrue(titled.getHeight() > 8 * 4, "title band above the grid");
    }

    @Test
    void aMosaicWiderThanThePageGetsATitleThatStillReadsWhenScaledDown() {
        // 16 maps of 150x150 in a row: 2,415 px, shown about 1,000 px wide in the report
        FeatureMap wide = new FeatureMap("conv2d", "Conv2D", Nd4j.zeros(DataType.FLOAT, 1, 150, 150, 16));
        BufferedImage mosaic = FeatureMapGrid.of(wide).imagesPerRow(16).toBufferedImage();
        BufferedImage untitled = FeatureMapGrid.of(wide).imagesPerRow(16).title(null).toBufferedImage();
        assertEquals(2415, mosaic.getWidth());
        // a band is the font's line height plus 8 px of padding
        int text = mosaic.getHeight() - untitled.getHeight() - 8;
        int shownText = text * TextBand.SHOWN_WIDTH / mosaic.getWidth();
        int smallBand = TextBand.height(TextBand.TITLE_FONT);
        assertTrue(shownText >= smallBand - 8 - 1, "title line " + text + " px, " + shownText + " px once scaled to "
                + TextBand.SHOWN_WIDTH + " px wide; a 14 px title's line is " + (smallBand - 8) + " px");
        BufferedImage narrow = FeatureMapGrid.of(fiveChannels()).imagesPerRow(2).scale(4).toBufferedImage();
        assertEquals(smallBand, narrow.getHeight() - 8 * 4, "pictures within the page keep the 14 px title");
    }

    @Test
    void automaticScaleEnlargesTinyMaps() {
        assertEquals(21, FeatureMapGrid.of(fiveChannels()).effectiveScale());
        FeatureMap big = new FeatureMap("c", "Conv2D", Nd4j.zeros(DataType.FLOAT, 1, 150, 150, 2));
        assertEquals(1, FeatureMapGrid.of(big).effectiveScale());
    }

    @Test
    void saveAllWritesOneFilePerImageShapedLayer() throws IOException {
        FeatureMap flat = new FeatureMap("flatten", "Flatten", Nd4j.zeros(DataType.FLOAT, 1, 30));
        List<Path> files = FeatureMapGrid.saveAll(List.of(fiveChannels(), flat), dir.resolve("maps"));
        assertEquals(List.of(dir.resolve("maps").resolve("conv2d.png").toAbsolutePath()), files);
        assertTrue(Files.size(files.get(0)) > 0);
        // A second run replaces our own output.
        assertEquals(files, FeatureMapGrid.saveAll(List.of(fiveChannels()), dir.resolve("maps")));
    }

    @Test
    void rejectsBadSettings() {
        FeatureMapGrid grid = FeatureMapGrid.of(fiveChannels());
        assertThrows(IllegalArgumentException.class, () -> grid.imagesPerRow(0));
        assertThrows(IllegalArgumentException.class, () -> grid.image(1));
        assertThrows(IllegalArgumentException.class, () -> grid.scale(-1));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureMapGrid.of(new FeatureMap("d", "Dense", Nd4j.zeros(DataType.FLOAT, 1, 3))));
        assertThrows(IllegalArgumentException.class, () -> grid.save(dir.resolve("grid.jpg")));
    }
}
