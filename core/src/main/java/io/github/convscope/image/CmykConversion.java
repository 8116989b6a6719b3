package io.github.convscope.image;

/**
 * Pillow's CMYK to RGB conversion ({@code cmyk2rgb} in libImaging/Convert.c), which Keras's {@code convert("RGB")}
 * and, through RGB, {@code convert("L")} apply to CMYK JPEGs and TIFFs. OpenCV's decoders convert CMYK themselves
 * with other rounding (with {@code nk = 255 - k}: JPEGs as {@code nk - (c * nk >> 8)}, TIFFs through libtiff as
 * {@code nk * (255 - c) / 255}), so the loader takes the raw samples from the decoder and converts them here.
 */
final class CmykConversion {
    private CmykConversion() {
    }

    /**
     * Converts {@code pixels} CMYK pixels (4 bytes each, from the start of {@code cmyk}) to RGB (3 bytes each).
     * {@code adobeInverted}: the samples are stored inverted, as Adobe writes CMYK JPEGs; Pillow reads every CMYK
     * JPEG that way (its raw mode {@code CMYK;I}) and TIFFs as stored.
     */
    static byte[] toRgb(byte[] cmyk, int pixels, boolean adobeInverted) {
        byte[] rgb = new byte[Math.multiplyExact(pixels, 3)];
        int invert = adobeInverted ? 0xff : 0;
        for (int p = 0, i = 0, o = 0; p < pixels; p++, i += 4, o += 3) {
            // Pillow: nk = 255 - k, each channel nk - MULDIV255(v, nk), where MULDIV255 with t = a * b + 128
            // is ((t >> 8) + t) >> 8
            int nk = 255 - ((cmyk[i + 3] & 0xff) ^ invert);
            for (int c = 0; c < 3; c++) {
                int t = ((cmyk[i + c] & 0xff) ^ invert) * nk + 128;
                rgb[o + c] = (byte) (nk - (((t >> 8) + t) >> 8)); // never outside 0...255: Pillow's CLIP8 is a no-op
            }
        }
        return rgb;
    }
}
