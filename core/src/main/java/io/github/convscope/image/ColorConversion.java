package io.github.convscope.image;

/**
 * Pillow's {@code Image.convert} between the decoded layouts (grey, RGB, RGBA) and the {@link ColorMode}s, integer
 * for integer, so that the result equals Keras's {@code load_img(color_mode=...)}.
 */
final class ColorConversion {
    private ColorConversion() {
    }

    /** Converts {@code in} (1, 3 or 4 channels) to {@code mode}; returns {@code in} itself when nothing changes. */
    static ByteImage convert(ByteImage in, ColorMode mode) {
        int from = in.channels();
        int to = mode.channels();
        if (from == to) {
            return in;
        }
        byte[] src = in.data();
        int pixels = in.height() * in.width();
        byte[] dst = new byte[pixels * to];
        if (to == 1) {
            toLuma(src, from, dst, pixels);
        } else if (from == 1) {
            for (int p = 0, o = 0; p < pixels; p++, o += to) {
                dst[o] = src[p];
                dst[o + 1] = src[p];
                dst[o + 2] = src[p];
                if (to == 4) {
                    dst[o + 3] = (byte) 255;
                }
            }
        } else {
            // Pillow: RGBA -> RGB drops alpha without compositing; RGB -> RGBA adds alpha 255
            for (int p = 0, i = 0, o = 0; p < pixels; p++, i += from, o += to) {
                dst[o] = src[i];
                dst[o + 1] = src[i + 1];
                dst[o + 2] = src[i + 2];
                if (to == 4) {
                    dst[o + 3] = (byte) 255;
                }
            }
        }
        return new ByteImage(in.height(), in.width(), to, dst);
    }

    // Pillow: L = (19595 R + 38470 G + 7471 B + 0x8000) >> 16, alpha ignored
    private static void toLuma(byte[] src, int stride, byte[] dst, int pixels) {
        for (int p = 0, i = 0; p < pixels; p++, i += stride) {
            int r = src[i] & 0xff;
            int g = src[i + 1] & 0xff;
            int b = src[i + 2] & 0xff;
            dst[p] = (byte) ((19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16);
        }
    }

    /** Pillow's RGBA -> RGBa: colour multiplied by alpha with MULDIV255 rounding. */
    static byte[] premultiply(byte[] rgba) {
        byte[] out = new byte[rgba.length];
        for (int i = 0; i < rgba.length; i += 4) {
            int a = rgba[i + 3] & 0xff;
            for (int k = 0; k < 3; k++) {
                int t = (rgba[i + k] & 0xff) * a + 128;
                out[i + k] = (byte) (((t >> 8) + t) >> 8);
            }
            out[i + 3] = (byte) a;
        }
        return out;
    }

    /** Pillow's RGBa -> RGBA: colour divided by alpha, clipped, unchanged where alpha is 0 or 255. */
    static void unpremultiply(byte[] rgba) {
        for (int i = 0; i < rgba.length; i += 4) {
            int a = rgba[i + 3] & 0xff;
            if (a == 0 || a == 255) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                rgba[i + k] = (byte) Math.min(255, 255 * (rgba[i + k] & 0xff) / a);
            }
        }
    }
}
