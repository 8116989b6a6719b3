package io.github.convscope.image;

import java.nio.file.Path;

/**
 * 16-bit BMPs (RGB555 and RGB565) decoded by Pillow 9.4's rules: each 5- or 6-bit field scaled as
 * {@code v * 255 / max} in integers (Pillow's {@code BGR;15} and {@code BGR;16} unpackers), where OpenCV shifts the
 * bits left and is off by up to 7 levels. Uncompressed files are RGB555; BI_BITFIELDS files must carry one of the two
 * masks Pillow supports. Other BMP depths are left to OpenCV, which gives Pillow's pixels for them.
 */
final class Bmp16Decoder {
    private static final int BI_RGB = 0;
    private static final int BI_BITFIELDS = 3;

    private Bmp16Decoder() {
    }

    /** Whether {@code b} is a BMP with 16 bits per pixel (the only depth decoded here). */
    static boolean handles(byte[] b) {
        if (b.length < 30 || b[0] != 'B' || b[1] != 'M') {
            return false;
        }
        int headerSize = le32(b, 14);
        int bitsAt = headerSize == 12 ? 24 : 28;
        return (headerSize == 12 || headerSize == 40 || headerSize == 64 || headerSize == 108 || headerSize == 124)
                && le16(b, bitsAt) == 16;
    }

    /** Decodes a 16-bit BMP accepted by {@link #handles} into RGB. */
    static ByteImage decode(byte[] b, Path name) {
        try {
            return decodeChecked(b, name);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new ImageLoadException(name, "image file is truncated (the BMP header is cut short)", e);
        }
    }

    private static ByteImage decodeChecked(byte[] b, Path name) {
        int headerSize = le32(b, 14);
        long width;
        long height;
        boolean topDown = false;
        int compression = BI_RGB;
        if (headerSize == 12) {
            width = le16(b, 18);
            height = le16(b, 20);
        } else {
            width = le32(b, 18) & 0xffffffffL;
            long h = le32(b, 22) & 0xffffffffL;
            // Pillow: a height whose top byte is 0xFF is negative, rows stored top-down
            topDown = (b[25] & 0xff) == 0xFF;
            height = topDown ? (1L << 32) - h : h;
            compression = le32(b, 30);
        }
        boolean six = false;
        if (compression == BI_BITFIELDS) {
            long red = le32(b, 54) & 0xffffffffL;
            long green = le32(b, 58) & 0xffffffffL;
            long blue = le32(b, 62) & 0xffffffffL;
            if (red == 0xF800 && green == 0x7E0 && blue == 0x1F) {
                six = true;
            } else if (!(red == 0x7C00 && green == 0x3E0 && blue == 0x1F)) {
                throw new ImageLoadException(name, "has an unsupported BMP bitfields layout (as Pillow refuses)");
            }
        } else if (compression != BI_RGB) {
            throw new ImageLoadException(name, "has an unsupported BMP compression (" + compression
                    + ") for 16 bits per pixel");
        }
        if (width <= 0 || height <= 0 || width * height > Integer.MAX_VALUE / 3) {
            throw new ImageLoadException(name, "has a BMP size of " + width + "x" + height);
        }
        int w = (int) width;
        int h = (int) height;
        long offset = le32(b, 10) & 0xffffffffL;
        long stride = ((width * 16 + 31) >> 3) & ~3L;
        if (offset + stride * (h - 1) + 2L * w > b.length) {
            throw new ImageLoadException(name, "image file is truncated (the BMP pixel data ends early)");
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int row = (int) (offset + stride * (topDown ? y : h - 1 - y));
            for (int x = 0; x < w; x++) {
                int pixel = le16(b, row + 2 * x);
                int o = (y * w + x) * 3;
                // Pillow: BGR;16 is 5-6-5 and BGR;15 is 5-5-5 (top bit unused), each scaled v * 255 / max
                if (six) {
                    out[o] = (byte) (((pixel >> 11) & 31) * 255 / 31);
                    out[o + 1] = (byte) (((pixel >> 5) & 63) * 255 / 63);
                } else {
                    out[o] = (byte) (((pixel >> 10) & 31) * 255 / 31);
                    out[o + 1] = (byte) (((pixel >> 5) & 31) * 255 / 31);
                }
                out[o + 2] = (byte) ((pixel & 31) * 255 / 31);
            }
        }
        return new ByteImage(h, w, 3, out);
    }

    private static int le16(byte[] b, int at) {
        return (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    private static int le32(byte[] b, int at) {
        return (b[at + 3] & 0xff) << 24 | (b[at + 2] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }
}
