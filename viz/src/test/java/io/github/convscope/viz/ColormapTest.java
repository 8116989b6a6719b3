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

    @Test
    void jetMatchesMatplotlib() {
        // matplotlib 3.6 cm.jet(i)[:3] and cm.jet(i, bytes=True)
        assertArrayEquals(new float[] {0f, 0f, 0.5f}, Colormap.JET.rgb(0), 1e-6f);
        assertArrayEquals(new float[] {0f, 0f, 0.517825312f}, Colormap.JET.rgb(1), 1e-6f);
        assertArrayEquals(new float[] {0f, 0.0803921569f, 1f}, Colormap.JET.rgb(37), 1e-6f);
        assertArrayEquals(new float[] {0.13598988f, 1f, 0.831752056f}, Colormap.JET.rgb(100), 1e-6f);
        assertArrayEquals(new float[] {0.490196078f, 1f, 0.477545857f}, Colormap.JET.rgb(128), 1e-6f);
        assertArrayEquals(new float[] {1f, 0.46550472f, 0f}, Colormap.JET.rgb(200), 1e-6f);
        assertArrayEquals(new float[] {0.945632799f, 0.0297748729f, 0f}, Colormap.JET.rgb(230), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0f, 0f}, Colormap.JET.rgb(255), 1e-6f);
        assertEquals(0xFF000084, Colormap.JET.argbAt(1));
        assertEquals(0xFF7CFF79, Colormap.JET.argbAt(128));
        assertEquals(0xFFF10700, Colormap.JET.argbAt(230));
    }

    @Test
    void aUsersTableIsCheckedAndCopied() {
        float[][] table = new float[256][];
        for (int i = 0; i < 256; i++) {
            table[i] = new float[] {i / 255f, 0f, 1 - i / 255f};
        }
        Colormap mine = Colormap.of("mine", table);
        table[0][0] = 0.5f;
        assertEquals(0xFF0000FF, mine.argbAt(0));
        table[3] = new float[] {2f, 0f, 0f};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Colormap.of("bad", table));
        assertEquals("table row 3 has 2.0; values must lie in [0, 1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Colormap.of("short", new float[3][3]));
    }
}
