package io.github.convscope.image;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The PNG rules of Pillow 9.4 that libpng (inside OpenCV) does not share, applied around the OpenCV decode:
 * <ul>
 *   <li>checksums are verified for the chunks before the first IDAT only (a bad one is Pillow's "broken PNG file");
 *       from the first IDAT on they are never read, so a bad IDAT checksum loads;</li>
 *   <li>the chunks after the image data are optional: a file that ends, or is cut, after complete IDAT data loads
 *       without its IEND;</li>
 *   <li>a tRNS colour key of a grey or RGB image becomes alpha by comparing the key with the 8-bit pixel Pillow
 *       holds, so a 16-bit key only matches where it is below 256 and equals the pixel's 8-bit value.</li>
 * </ul>
 */
final class PngChunks {
    private static final int SIGNATURE = 8;

    private PngChunks() {
    }

    /**
     * {@code png} as libpng can read it under Pillow's rules: the same array when nothing needs to change; a copy with
     * the checksums from the first IDAT on recomputed and an IEND after the last complete chunk otherwise. Throws
     * for a bad checksum before the image data, as Pillow does.
     */
    static byte[] forLibpng(byte[] png, Path name) {
        int at = SIGNATURE;
        int firstIdat = -1;
        int end = -1; // end of the last complete chunk from the first IDAT on
        boolean repair = false;
        CRC32 crc = new CRC32();
        while (at + 8 <= png.length) {
            long length = be32(png, at) & 0xffffffffL;
            boolean idat = type(png, at, 'I', 'D', 'A', 'T');
            if (length > png.length - at - 12L) {
                if (idat && length <= png.length - at - 8L) {
                    // the last IDAT, whole but for its checksum, which Pillow never reads
                    firstIdat = firstIdat < 0 ? at : firstIdat;
                    end = at + 12 + (int) length;
                }
                break; // otherwise a chunk cut short: where it lies decides below
            }
            crc.reset();
            crc.update(png, at + 4, (int) length + 4);
            boolean good = (int) crc.getValue() == be32(png, at + 8 + (int) length);
            if (idat && firstIdat < 0) {
                firstIdat = at;
            }
            if (firstIdat < 0) {
                if (!good) {
                    throw new ImageLoadException(name, "broken PNG file (bad header checksum in "
                            + new String(png, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1) + ")");
                }
            } else {
                repair |= !good;
                end = at + 12 + (int) length;
                if (type(png, at, 'I', 'E', 'N', 'D')) {
                    return repair ? rebuild(png, firstIdat, end, false) : png;
                }
            }
            at += 12 + (int) length;
        }
        if (firstIdat < 0 || end < 0) {
            return png; // no complete image data: libpng's error is Pillow's too
        }
        return rebuild(png, firstIdat, end, true);
    }

    // the bytes up to the first IDAT as they are, the chunks from there to end with fresh checksums, then IEND
    private static byte[] rebuild(byte[] png, int firstIdat, int end, boolean addEnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end + 12);
        out.write(png, 0, firstIdat);
        CRC32 crc = new CRC32();
        for (int at = firstIdat; at < end; ) {
            int length = be32(png, at);
            out.write(png, at, 8 + length);
            crc.reset();
            crc.update(png, at + 4, length + 4);
            writeBe32(out, (int) crc.getValue());
            at += 12 + length;
        }
        if (addEnd) {
            out.writeBytes(new byte[] {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82});
        }
        return out.toByteArray();
    }

    /**
     * Pillow's {@code convert("RGBA")} of a grey or RGB PNG with a tRNS colour key: alpha 0 where every 8-bit sample
     * equals the key's (raw, up to 16-bit) sample, 255 elsewhere. {@code rgba} is the converted image, its colour in
     * BGR order when {@code blueFirst}; a PNG without such a key leaves it unchanged.
     */
    static void applyColourKey(ByteImage rgba, byte[] png, boolean blueFirst) {
        if (rgba.channels() != 4 || png.length < 33 || !type(png, SIGNATURE, 'I', 'H', 'D', 'R')) {
            return;
        }
        int colourType = png[SIGNATURE + 8 + 9] & 0xff;
        if (colourType != 0 && colourType != 2) {
            return;
        }
        int[] key = colourKey(png, colourType);
        if (key == null) {
            return;
        }
        byte[] p = rgba.data();
        int red = blueFirst ? 2 : 0;
        int blue = blueFirst ? 0 : 2;
        for (int i = 0; i < p.length; i += 4) {
            boolean keyed = (p[i + red] & 0xff) == key[0] && (p[i + 1] & 0xff) == key[1]
                    && (p[i + blue] & 0xff) == key[2];
            p[i + 3] = (byte) (keyed ? 0 : 255);
        }
    }

    // the tRNS key as {r, g, b} (grey repeated), or null when the file has none before its image data
    private static int[] colourKey(byte[] png, int colourType) {
        int at = SIGNATURE;
        while (at + 8 <= png.length) {
            long length = be32(png, at) & 0xffffffffL;
            if (type(png, at, 'I', 'D', 'A', 'T') || length > png.length - at - 12L) {
                return null;
            }
            if (type(png, at, 't', 'R', 'N', 'S')) {
                int d = at + 8;
                if (colourType == 0 && length >= 2) {
                    int grey = be16(png, d);
                    return new int[] {grey, grey, grey};
                }
                if (colourType == 2 && length >= 6) {
                    return new int[] {be16(png, d), be16(png, d + 2), be16(png, d + 4)};
                }
                return null;
            }
            at += 12 + (int) length;
        }
        return null;
    }

    private static boolean type(byte[] b, int chunk, char c0, char c1, char c2, char c3) {
        return b[chunk + 4] == c0 && b[chunk + 5] == c1 && b[chunk + 6] == c2 && b[chunk + 7] == c3;
    }

    private static int be16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int be32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static void writeBe32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
