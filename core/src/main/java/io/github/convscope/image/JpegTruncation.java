package io.github.convscope.image;

/**
 * Tells whether a JPEG stream is complete. libjpeg, as OpenCV drives it, pads a truncated file with a fake end marker
 * and returns a partly grey image with only a warning; Pillow instead raises "image file is truncated" whenever the
 * stream ends before its EOI marker. Walking the marker segments and entropy-coded data up to EOI reproduces Pillow's
 * verdict without decoding.
 */
final class JpegTruncation {
    private JpegTruncation() {
    }

    /** True when the stream reaches its EOI marker (data after EOI is allowed, as in Pillow). */
    static boolean reachesEndOfImage(byte[] b) {
        int n = b.length;
        int i = 2;
        while (true) {
            // libjpeg skips stray bytes between segments (with a warning) up to the next 0xFF
            while (i < n && (b[i] & 0xff) != 0xFF) {
                i++;
            }
            while (i < n && (b[i] & 0xff) == 0xFF) {
                i++;
            }
            if (i >= n) {
                return false;
            }
            int marker = b[i] & 0xff;
            i++;
            if (marker == 0xD9) {
                return true;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (i + 1 >= n) {
                return false;
            }
            int length = (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
            i += length;
            if (i > n) {
                return false;
            }
            if (marker == 0xDA) {
                i = skipEntropyCodedData(b, i);
            }
        }
    }

    /** Returns the index of the 0xFF that starts the next real marker after a scan, or n if the data runs out. */
    private static int skipEntropyCodedData(byte[] b, int i) {
        int n = b.length;
        while (i + 1 < n) {
            if ((b[i] & 0xff) == 0xFF) {
                int next = b[i + 1] & 0xff;
                // JPEG: 0xFF00 is a stuffed data byte and RST0..RST7 sit inside the scan
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i += 2;
                    continue;
                }
                if (next != 0xFF) {
                    return i;
                }
            }
            i++;
        }
        return n;
    }
}
