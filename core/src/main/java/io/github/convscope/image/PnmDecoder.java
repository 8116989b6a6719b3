package io.github.convscope.image;

import java.nio.file.Path;

/**
 * PBM/PGM/PPM (P1-P6) decoded by Pillow 9.4's rules ({@code PpmImagePlugin}), byte for byte: the same header tokens,
 * comments and whitespace; samples whose maximum value is not 255 rescaled as {@code round(v / maxval * 255)} (to
 * 65535 for PGM with maxval above 255, Pillow's mode I, which Keras's conversion then clips at 255); plain (ASCII)
 * samples above maxval refused. OpenCV rescales such files differently, so they never reach it.
 */
final class PnmDecoder {
    private static final int MAX_TOKEN = 10;

    private final byte[] b;
    private final Path name;
    private int at;

    private PnmDecoder(byte[] b, Path name) {
        this.b = b;
        this.name = name;
    }

    /** Decodes a P1-P6 file into 1 (grey) or 3 (RGB) channels of 8-bit samples. */
    static ByteImage decode(byte[] bytes, Path name) {
        return new PnmDecoder(bytes, name).decode();
    }

    private ByteImage decode() {
        String magic = magic();
        int kind = magic.length() == 2 && magic.charAt(0) == 'P' ? magic.charAt(1) - '0' : -1;
        if (kind < 1 || kind > 6) {
            throw new ImageLoadException(name, "is not a PPM file (magic number \"" + magic + "\")");
        }
        int width = token("width");
        int height = token("height");
        if (width <= 0 || height <= 0) {
            throw new ImageLoadException(name, "has a PNM size of " + width + "x" + height);
        }
        boolean bitmap = kind == 1 || kind == 4;
        int maxval = bitmap ? 1 : token("maxval");
        if (!bitmap && (maxval <= 0 || maxval >= 65536)) {
            throw new ImageLoadException(name, "has maxval " + maxval
                    + "; it must be greater than 0 and less than 65536");
        }
        int bands = kind == 3 || kind == 6 ? 3 : 1;
        long values = (long) width * height * bands;
        if (values > Integer.MAX_VALUE - 8) {
            throw new ImageLoadException(name, "is too large for one array: " + width + "x" + height);
        }
        // every sample takes at least one byte of the file (P4: one bit), so what is allocated is bounded by it
        long atLeast = kind == 4 ? (long) (width + 7) / 8 * height : kind == 5 || kind == 6
                ? values * (maxval < 256 ? 1 : 2) : values;
        if (atLeast > b.length - at) {
            throw notEnoughData();
        }
        byte[] out = new byte[(int) values];
        // Pillow: a grey map with maxval above 255 is mode I (0...65535), which converts to 8 bits by clipping
        int outMax = bands == 1 && maxval > 255 ? 65535 : 255;
        switch (kind) {
            case 1 -> plainBitmap(out);
            case 4 -> rawBitmap(out, width, height);
            case 2, 3 -> plainSamples(out, maxval, outMax);
            default -> rawSamples(out, maxval, outMax, kind == 5 && maxval == 65535);
        }
        return new ByteImage(height, width, bands, out);
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == 0x0c || c == '\r';
    }

    // Pillow: the magic number is read up to whitespace or 6 bytes
    private String magic() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (at >= b.length) {
                break;
            }
            int c = b[at++] & 0xff;
            if (isWhitespace(c)) {
                break;
            }
            s.append((char) c);
        }
        return s.toString();
    }

    // Pillow's _read_token: whitespace ends a token, '#' skips to the end of the line (inside a token too)
    private int token(String what) {
        StringBuilder token = new StringBuilder();
        while (token.length() <= MAX_TOKEN) {
            if (at >= b.length) {
                break;
            }
            int c = b[at++] & 0xff;
            if (isWhitespace(c)) {
                if (token.length() == 0) {
                    continue;
                }
                break;
            }
            if (c == '#') {
                while (at < b.length) {
                    int d = b[at++];
                    if (d == '\r' || d == '\n') {
                        break;
                    }
                }
                continue;
            }
            token.append((char) c);
        }
        if (token.length() == 0) {
            throw new ImageLoadException(name, "reached the end of the file while reading its PNM header");
        }
        if (token.length() > MAX_TOKEN) {
            throw new ImageLoadException(name, "has a token too long in its PNM header (" + what + ")");
        }
        return parseInt(token.toString(), what);
    }

    private int parseInt(String token, String what) {
        try {
            long v = Long.parseLong(token.replace("_", ""));
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        } catch (NumberFormatException e) {
            throw new ImageLoadException(name, "has a PNM " + what + " that is not a number: \"" + token + "\"");
        }
    }

    private ImageLoadException notEnoughData() {
        return new ImageLoadException(name, "image file is truncated (not enough PNM image data)");
    }

    // P4, Pillow's rawmode "1;I": bit 1 is black, rows padded to a byte
    private void rawBitmap(byte[] out, int width, int height) {
        int stride = (width + 7) / 8;
        if ((long) stride * height > b.length - at) {
            throw notEnoughData();
        }
        for (int y = 0; y < height; y++) {
            int row = at + y * stride;
            for (int x = 0; x < width; x++) {
                int bit = (b[row + (x >> 3)] >> (7 - (x & 7))) & 1;
                out[y * width + x] = (byte) (bit == 1 ? 0 : 255);
            }
        }
    }

    /** The data after the header with Pillow's plain-format comment removal: '#' through the end of its line. */
    private byte[] plainData() {
        byte[] data = new byte[b.length - at];
        int n = 0;
        for (int i = at; i < b.length; i++) {
            if (b[i] == '#') {
                while (i < b.length && b[i] != '\n' && b[i] != '\r') {
                    i++;
                }
                continue; // the line end goes with the comment
            }
            data[n++] = b[i];
        }
        return java.util.Arrays.copyOf(data, n);
    }

    // P1: every non-whitespace byte is one pixel, '1' black and '0' white
    private void plainBitmap(byte[] out) {
        int n = 0;
        for (byte c : plainData()) {
            if (n == out.length) {
                break;
            }
            if (isWhitespace(c & 0xff)) {
                continue;
            }
            if (c != '0' && c != '1') {
                throw new ImageLoadException(name, "has an invalid token for this mode: '" + (char) (c & 0xff) + "'");
            }
            out[n++] = (byte) (c == '1' ? 0 : 255);
        }
        if (n < out.length) {
            throw notEnoughData();
        }
    }

    // P2, P3: whitespace-separated decimal samples, each at most maxval
    private void plainSamples(byte[] out, int maxval, int outMax) {
        byte[] data = plainData();
        int n = 0;
        int i = 0;
        while (n < out.length) {
            while (i < data.length && isWhitespace(data[i] & 0xff)) {
                i++;
            }
            if (i >= data.length) {
                throw notEnoughData();
            }
            int start = i;
            while (i < data.length && !isWhitespace(data[i] & 0xff)) {
                i++;
            }
            if (i - start > MAX_TOKEN) {
                throw new ImageLoadException(name, "has a token too long in its PNM data");
            }
            int value = parseInt(new String(data, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1),
                    "sample");
            if (value > maxval || value < 0) {
                throw new ImageLoadException(name, "has a channel value too large for this mode: " + value);
            }
            out[n++] = (byte) Math.min(255, scale(value, maxval, outMax));
        }
    }

    // P5, P6: binary samples, one byte each below maxval 256, two (big-endian) from 256
    private void rawSamples(byte[] out, int maxval, int outMax, boolean sixteenBitGrey) {
        int width = maxval < 256 ? 1 : 2;
        if ((long) out.length * width > b.length - at) {
            throw notEnoughData();
        }
        for (int i = 0, p = at; i < out.length; i++, p += width) {
            int v = width == 1 ? b[p] & 0xff : (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
            if (sixteenBitGrey) {
                out[i] = (byte) Math.min(v, 255); // Pillow reads it raw as I;16B, then clips
            } else if (maxval == 255) {
                out[i] = (byte) v;
            } else {
                out[i] = (byte) Math.min(255, Math.min(outMax, scale(v, maxval, outMax)));
            }
        }
    }

    // Pillow: round(value / maxval * out_max), Python's round half to even
    private static int scale(int value, int maxval, int outMax) {
        return (int) Math.rint((double) value / maxval * outMax);
    }
}
