package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link CmykConversion} is Pillow's {@code cmyk2rgb}: each channel {@code nk - round(v * nk / 255)} with
 * {@code nk = 255 - k}, for every sample and black value (a division by the odd 255 never ties, so there is one
 * rounding), read inverted for JPEGs. The golden tests check the same against Pillow's own output.
 */
class CmykConversionTest {

    @Test
    void everySampleAndBlackAsPillowConverts() {
        byte[] cmyk = new byte[256 * 256 * 4];
        for (int v = 0; v < 256; v++) {
            for (int k = 0; k < 256; k++) {
                int p = (v * 256 + k) * 4;
                cmyk[p] = (byte) v;
                cmyk[p + 1] = (byte) (255 - v);
                cmyk[p + 2] = (byte) (v / 2);
                cmyk[p + 3] = (byte) k;
            }
        }
        byte[] rgb = CmykConversion.toRgb(cmyk, 256 * 256, false);
        for (int p = 0; p < 256 * 256; p++) {
            int nk = 255 - (cmyk[p * 4 + 3] & 0xff);
            for (int c = 0; c < 3; c++) {
                int v = cmyk[p * 4 + c] & 0xff;
                assertEquals(nk - Math.round(v * nk / 255.0), rgb[p * 3 + c] & 0xff, "v " + v + ", k " + (255 - nk));
            }
        }
    }

    @Test
    void adobeInvertedSamplesAreReadAsTheirComplements() {
        byte[] stored = {(byte) 255, 0, 127, (byte) 200, 10, 20, 30, 40};
        byte[] complement = new byte[stored.length];
        for (int i = 0; i < stored.length; i++) {
            complement[i] = (byte) (255 - (stored[i] & 0xff));
        }
        assertArrayEquals(CmykConversion.toRgb(complement, 2, false), CmykConversion.toRgb(stored, 2, true));
        // no ink, no black is white; full black is black whatever the inks
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0, 0, 0},
                CmykConversion.toRgb(new byte[] {0, 0, 0, 0, 9, 99, (byte) 199, (byte) 255}, 2, false));
    }
}
