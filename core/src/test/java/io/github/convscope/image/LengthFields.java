package io.github.convscope.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The size, length and offset fields of an encoded image, for the fuzz tests to corrupt: each is {offset, width in
 * bytes, 1 for big-endian or 0 for little-endian}; a negative width is a run of ASCII digits (PNM headers).
 */
final class LengthFields {
    private LengthFields() {
    }

    static List<int[]> of(byte[] b) {
        List<int[]> fields = new ArrayList<>();
        try {
            if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P') {
                fields.add(new int[] {16, 4, 1});
                fields.add(new int[] {20, 4, 1});
                for (int at = 8; at + 8 <= b.length; ) {
                    fields.add(new int[] {at, 4, 1});
                    at += 12 + be(b, at, 4);
                }
            } else if (b.length > 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
                for (int at = 2; at + 4 <= b.length; ) {
                    int marker = b[at + 1] & 0xff;
                    if ((b[at] & 0xff) != 0xFF || marker == 0xDA || marker == 0xD9) {
                        break;
                    }
                    fields.add(new int[] {at + 2, 2, 1});
                    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        fields.add(new int[] {at + 5, 2, 1});
                        fields.add(new int[] {at + 7, 2, 1});
                        fields.add(new int[] {at + 9, 1, 1});
                    }
                    at += 2 + be(b, at + 2, 2);
                }
            } else if (b.length > 54 && b[0] == 'B' && b[1] == 'M') {
                for (int[] f : new int[][] {{2, 4}, {10, 4}, {14, 4}, {18, 4}, {22, 4}, {26, 2}, {28, 2}, {30, 4},
                        {34, 4}, {46, 4}, {54, 4}, {58, 4}}) {
                    fields.add(new int[] {f[0], f[1], 0});
                }
            } else if (b.length > 8 && (b[0] == 'I' || b[0] == 'M') && b[1] == b[0]) {
                int big = b[0] == 'M' ? 1 : 0;
                fields.add(new int[] {4, 4, big});
                int ifd = (int) read(b, new int[] {4, 4, big});
                int entries = (int) read(b, new int[] {ifd, 2, big});
                fields.add(new int[] {ifd, 2, big});
                for (int e = 0; e < entries && ifd + 2 + 12 * e + 12 <= b.length; e++) {
                    fields.add(new int[] {ifd + 2 + 12 * e + 4, 4, big});
                    fields.add(new int[] {ifd + 2 + 12 * e + 8, 4, big});
                }
            } else if (b.length > 2 && b[0] == 'P') {
                for (int i = 2, numbers = 0; i < b.length && numbers < 3; i++) {
                    if (b[i] >= '0' && b[i] <= '9') {
                        int start = i;
                        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                            i++;
                        }
                        fields.add(new int[] {start, -(i - start), 1});
                        numbers++;
                    } else if (b[i] == '#') {
                        while (i < b.length && b[i] != '\n') {
                            i++;
                        }
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            // a damaged seed: the fields found so far
        }
        fields.removeIf(f -> f[0] < 0 || f[0] + Math.abs(f[1]) > b.length);
        if (fields.isEmpty()) {
            fields.add(new int[] {0, Math.min(4, b.length), 1});
        }
        return fields;
    }

    static long read(byte[] b, int[] field) {
        if (field[1] < 0) {
            return Long.parseLong(new String(b, field[0], -field[1], java.nio.charset.StandardCharsets.US_ASCII));
        }
        long v = 0;
        for (int k = 0; k < field[1]; k++) {
            int i = field[2] == 1 ? field[0] + k : field[0] + field[1] - 1 - k;
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    static void write(byte[] b, int[] field, long value) {
        if (field[1] < 0) {
            String digits = Long.toString(Math.abs(value) % 100_000_000_000L);
            for (int k = 0; k < -field[1]; k++) {
                b[field[0] + k] = (byte) (k < digits.length() ? digits.charAt(k) : '9');
            }
            return;
        }
        for (int k = 0; k < field[1]; k++) {
            int i = field[2] == 1 ? field[0] + field[1] - 1 - k : field[0] + k;
            b[i] = (byte) (value >>> (8 * k));
        }
    }

    private static int be(byte[] b, int at, int width) {
        long v = read(b, new int[] {at, width, 1});
        if (v > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("length past any file");
        }
        return (int) v;
    }
}
