package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.inspect.FeatureMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ChannelViewTest {
    @TempDir
    Path dir;

    @Test
    void mapsMinimumToFirstAndMaximumToLastViridisColour() throws IOException {
        float[] values = {-2f, 0f, 1f, 6f};   // normalised: 0, 0.25, 0.375, 1
        Path file = ChannelView.of(values, 2, 2).scale(3).save(dir.resolve("channel.png"));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(6, read.getWidth());
        assertEquals(6, read.getHeight());
        assertEquals(Colormap.VIRIDIS.argbAt(0), read.getRGB(0, 0));
        assertEquals(Colormap.VIRIDIS.argbAt(64), read.getRGB(3, 0));
        assertEquals(Colormap.VIRIDIS.argbAt(96), read.getRGB(0, 3));
        assertEquals(Colormap.VIRIDIS.argbAt(255), read.getRGB(5, 5));
    }

    @Test
    void channelOfAFeatureMapIsTitled() {
        FeatureMap map = new FeatureMap("conv2d", "Conv2D", Nd4j.rand(DataType.FLOAT, 1, 8, 8, 5));
        ChannelView view = ChannelView.of(map, 0, 4);
        assertEquals(32, view.effectiveScale());
        BufferedImage image = view.toBufferedImage();
        assertEquals(256, image.getWidth());
        assertTrue(image.getHeight() > 256);
        assertThrows(IllegalArgumentException.class, () -> ChannelView.of(new float[5], 2, 2));
    }
}
