package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ColormapTest {
    @Test
    void viridisEndsMatchMatplotlib() {
        assertArrayEquals(new float[] {0.267004f, 0.004874f, 0.329415f}, Colormap.VIRIDIS.rgb(0), 0f);
        assertArrayEquals(new float[] {0.993248f, 0.906157f, 0.143936f}, Colormap.VIRIDIS.rgb(255), 0f);
        // Middle entry, matplotlib's viridis(0.5).
        assertArrayEquals(new float[] {0.127568f, 0.566949f, 0.550556f}, Colormap.VIRIDIS.rgb(128), 0f);
    }

    @Test
    void bytesAreTruncatedLikeMatplotlib() {
        // (0.267004 * 255, 0.004874 * 255, 0.329415 * 255) = (68.09, 1.24, 84.00) -> (68, 1, 84)
        assertEquals(0xFF440154, Colormap.VIRIDIS.argbAt(0));
        // (253.28, 231.07, 36.70) -> (253, 231, 36)
        assertEquals(0xFFFDE724, Colormap.VIRIDIS.argbAt(255));
    }

    @Test
    void lookupFollowsMatplotlibIndexing() {
        assertEquals(0, Colormap.index(0.0));
        assertEquals(0, Colormap.index(-3.0));
        assertEquals(0, Colormap.index(Double.NaN));
        assertEquals(128, Colormap.index(0.5));
        assertEquals(255, Colormap.index(1.0));
        assertEquals(255, Colormap.index(7.0));
        assertEquals(254, Colormap.index(254.5 / 256));
        assertEquals(Colormap.VIRIDIS.argbAt(255), Colormap.VIRIDIS.argb(1.0));
        assertEquals(0xFF000000, Colormap.GRAY.argbAt(0));
        assertEquals(0xFFFFFFFF, Colormap.GRAY.argbAt(255));
        assertThrows(IndexOutOfBoundsException.class, () -> Colormap.VIRIDIS.rgb(256));
    }
}
