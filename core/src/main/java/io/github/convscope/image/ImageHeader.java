package io.github.convscope.image;

/**
 * The format and size of an encoded image, read from its header without decoding the pixels, so oversized images can
 * be refused before anything is allocated. Understands PNG (IHDR), JPEG (SOF marker), BMP, PNM (PBM/PGM/PPM) and TIFF
 * (first IFD); for other content the size is unknown ({@code -1}).
 */
final class ImageHeader {
    /** The container format, as far as the leading bytes tell. */
    enum Format { PNG, JPEG, BMP, PNM, TIFF, UNKNOWN }

    private final Format format;
    private final int width;
    private final int height;

    private ImageHeader(Format format, int width, int height) {
        this.format = format;
        this.width = width;
        this.height = height;
    }

    Format format() {
        return format;
    }

    /** Width in pixels, or -1 when the header did not say. */
    int width() {
        return width;
    }

    /** Height in pixels, or -1 when the header did not say. */
    int height() {
        return height;
    }

    boolean sizeKnown() {
        return width >= 0 && height >= 0;
    }

    /** Reads the header of {@code b}; never throws, whatever the bytes. */
    static ImageHeader sniff(byte[] b) {
        try {
            if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                return png(b);
            }
            if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
                return jpeg(b);
            }
            if (startsWith(b, 'B', 'M')) {
                return bmp(b);
            }
            if (b.length > 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') {
                return pnm(b);
            }
            if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
                return tiff(b);
            }
        } catch (ArrayIndexOutOfBoundsException truncatedHeader) {
            // a header cut short: leave the size unknown and let the decoder report the damage
        }
        return new ImageHeader(Format.UNKNOWN, -1, -1);
    }

    private static ImageHeader png(byte[] b) {
        // PNG: the first chunk is IHDR with big-endian width and height
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return new ImageHeader(Format.PNG, -1, -1);
        }
        return new ImageHeader(Format.PNG, be32(b, 16), be32(b, 20));
    }

    private static ImageHeader jpeg(byte[] b) {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                i++;
                continue;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break;
            }
            int length = be16(b, i + 2);
            // JPEG: SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry precision, height, width
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return new ImageHeader(Format.JPEG, be16(b, i + 7), be16(b, i + 5));
            }
            i += 2 + length;
        }
        return new ImageHeader(Format.JPEG, -1, -1);
    }

    private static ImageHeader bmp(byte[] b) {
        int infoSize = le32(b, 14);
        if (infoSize == 12) {
            return new ImageHeader(Format.BMP, le16(b, 18), le16(b, 20));
        }
        long w = signedLe32(b, 18);
        long h = signedLe32(b, 22);
        // BMP: a negative height means rows stored top-down
        return new ImageHeader(Format.BMP, (int) Math.min(Math.abs(w), Integer.MAX_VALUE),
                (int) Math.min(Math.abs(h), Integer.MAX_VALUE));
    }

    private static ImageHeader pnm(byte[] b) {
        int[] values = new int[2];
        int i = 2;
        for (int v = 0; v < 2; v++) {
            while (i < b.length && (Character.isWhitespace(b[i]) || b[i] == '#')) {
                if (b[i] == '#') {
                    while (i < b.length && b[i] != '\n' && b[i] != '\r') {
                        i++;
                    }
                } else {
                    i++;
                }
            }
            long value = 0;
            int start = i;
            while (i < b.length && b[i] >= '0' && b[i] <= '9' && value <= Integer.MAX_VALUE) {
                value = value * 10 + (b[i++] - '0');
            }
            if (i == start) {
                return new ImageHeader(Format.PNM, -1, -1);
            }
            values[v] = (int) Math.min(value, Integer.MAX_VALUE);
        }
        return new ImageHeader(Format.PNM, values[0], values[1]);
    }

    private static ImageHeader tiff(byte[] b) {
        boolean little = b[0] == 'I';
        int ifd = read32(b, 4, little);
        int entries = read16(b, ifd, little);
        int w = -1;
        int h = -1;
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + 12 * e;
            int tag = read16(b, at, little);
            int type = read16(b, at + 2, little);
            // TIFF: ImageWidth (256) and ImageLength (257) are SHORT (3) or LONG (4) values stored inline
            int value = type == 3 ? read16(b, at + 8, little) : read32(b, at + 8, little);
            if (tag == 256) {
                w = value;
            } else if (tag == 257) {
                h = value;
            }
        }
        return new ImageHeader(Format.TIFF, w, h);
    }

    /** Whether a TIFF's first IFD says its samples are IEEE floats (SampleFormat 3); false for anything unread. */
    static boolean tiffFloatSamples(byte[] b) {
        try {
            boolean little = b[0] == 'I';
            int ifd = read32(b, 4, little);
            int entries = read16(b, ifd, little);
            for (int e = 0; e < entries; e++) {
                int at = ifd + 2 + 12 * e;
                // TIFF: SampleFormat (339), a SHORT per sample; the first one stands for all
                if (read16(b, at, little) == 339) {
                    int count = read32(b, at + 4, little);
                    int first = count <= 2 ? at + 8 : read32(b, at + 8, little);
                    return read16(b, first, little) == 3;
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return false;
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int read16(byte[] b, int at, boolean little) {
        return little ? le16(b, at) : be16(b, at);
    }

    /** Unsigned; values above Integer.MAX_VALUE saturate. */
    static int read32(byte[] b, int at, boolean little) {
        return little ? le32(b, at) : be32(b, at);
    }

    private static int be16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int le16(byte[] b, int at) {
        return (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    private static long signedLe32(byte[] b, int at) {
        return (b[at + 3] << 24) | (b[at + 2] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    /** Unsigned 32-bit values above Integer.MAX_VALUE saturate, so a hostile header still reads as huge. */
    private static int be32(byte[] b, int at) {
        long v = (b[at] & 0xffL) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    private static int le32(byte[] b, int at) {
        long v = (b[at + 3] & 0xffL) << 24 | (b[at + 2] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
        return (int) Math.min(v, Integer.MAX_VALUE);
    }
}
