package io.github.convscope.image;

/**
 * The EXIF orientation tag of a JPEG (APP1 "Exif" segment, IFD0 tag 0x0112) and the transpose that puts the image
 * upright, as Pillow's {@code ImageOps.exif_transpose}. Keras ignores the tag; this is used only on request.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The orientation value 1...8 of a JPEG stream, or 1 (upright) when there is none or it cannot be read. */
    static int read(byte[] b) {
        try {
            int i = 2;
            while (i + 4 <= b.length && (b[i] & 0xff) == 0xFF) {
                int marker = b[i + 1] & 0xff;
                int length = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
                if (marker == 0xDA || marker == 0xD9) {
                    return 1;
                }
                if (marker == 0xE1 && b[i + 4] == 'E' && b[i + 5] == 'x' && b[i + 6] == 'i' && b[i + 7] == 'f') {
                    return fromTiff(b, i + 10);
                }
                i += 2 + length;
            }
        } catch (ArrayIndexOutOfBoundsException damaged) {
            // a damaged EXIF block reads as upright; the pixels are still decoded
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + read(b, tiff + 4, 4, little);
        int entries = read(b, ifd, 2, little);
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + 12 * e;
            if (read(b, at, 2, little) == 0x0112) {
                int value = read(b, at + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int read(byte[] b, int at, int bytes, boolean little) {
        int v = 0;
        for (int k = 0; k < bytes; k++) {
            int shift = little ? 8 * k : 8 * (bytes - 1 - k);
            v |= (b[at + k] & 0xff) << shift;
        }
        return v;
    }

    /** {@code in} turned upright for orientation 1...8 (Pillow's exif_transpose method table). */
    static ByteImage apply(ByteImage in, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return in;
        }
        int h = in.height();
        int w = in.width();
        int c = in.channels();
        boolean swap = orientation >= 5;
        int outH = swap ? w : h;
        int outW = swap ? h : w;
        byte[] src = in.data();
        byte[] dst = new byte[src.length];
        int o = 0;
        for (int r = 0; r < outH; r++) {
            for (int col = 0; col < outW; col++, o += c) {
                int sr;
                int sc;
                switch (orientation) {
                    case 2: sr = r; sc = w - 1 - col; break;              // FLIP_LEFT_RIGHT
                    case 3: sr = h - 1 - r; sc = w - 1 - col; break;      // ROTATE_180
                    case 4: sr = h - 1 - r; sc = col; break;              // FLIP_TOP_BOTTOM
                    case 5: sr = col; sc = r; break;                      // TRANSPOSE
                    case 6: sr = h - 1 - col; sc = r; break;              // ROTATE_270
                    case 7: sr = h - 1 - col; sc = w - 1 - r; break;      // TRANSVERSE
                    default: sr = col; sc = w - 1 - r; break;             // 8: ROTATE_90
                }
                System.arraycopy(src, (sr * w + sc) * c, dst, o, c);
            }
        }
        return new ByteImage(outH, outW, c, dst);
    }
}
