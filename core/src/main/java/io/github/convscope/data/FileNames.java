package io.github.convscope.data;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/**
 * File names as Python 3 sees them: the raw bytes decoded as UTF-8, each undecodable byte kept as a lone surrogate
 * ({@code surrogateescape}), whatever the locale (Python uses UTF-8 file names under {@code LANG=C} too). Java decodes
 * names with the locale's charset and replaces what it cannot decode by U+FFFD, so such names are decoded again from
 * their bytes here; the {@link Path}s themselves are never rebuilt from these strings.
 */
final class FileNames {
    private static final char REPLACEMENT = '\uFFFD';

    private FileNames() {
    }

    /** The last element of {@code path} as Python's {@code os.listdir} gives it. */
    static String pythonName(Path path) {
        String name = path.getFileName().toString();
        if (name.indexOf(REPLACEMENT) < 0) {
            return name; // decoded without loss: Java's string is Python's
        }
        byte[] raw = rawName(path);
        return raw == null ? name : decodeSurrogateEscape(raw);
    }

    /**
     * The bytes of the last element of {@code path}, read from its file URI, which percent-encodes every byte that is
     * not printable ASCII; null when the URI does not end in that element (a file system with no byte names).
     */
    static byte[] rawName(Path path) {
        String uri = path.toAbsolutePath().toUri().getRawPath();
        if (uri == null) {
            return null;
        }
        if (uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1); // file URIs of folders end with '/'
        }
        String last = uri.substring(uri.lastIndexOf('/') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(last.length());
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c == '%' && i + 2 < last.length()) {
                out.write(Integer.parseInt(last.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** Python's {@code bytes.decode("utf-8", "surrogateescape")}. */
    static String decodeSurrogateEscape(byte[] b) {
        StringBuilder s = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int length = sequenceLength(b, i);
            if (length == 0) {
                s.append((char) (0xDC00 | (b[i] & 0xff))); // surrogateescape: U+DC80..U+DCFF
                i++;
                continue;
            }
            int cp = length == 1 ? b[i] : (b[i] & (0x7f >> length));
            for (int k = 1; k < length; k++) {
                cp = cp << 6 | (b[i + k] & 0x3f);
            }
            s.appendCodePoint(cp);
            i += length;
        }
        return s.toString();
    }

    // the length of the well-formed UTF-8 sequence at b[i] (RFC 3629: no overlongs, no surrogates), or 0
    private static int sequenceLength(byte[] b, int i) {
        int lead = b[i] & 0xff;
        if (lead < 0x80) {
            return 1;
        }
        int length;
        int min;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = lead == 0xE0 ? 0xA0 : 0x80;
            max = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = lead == 0xF0 ? 0x90 : 0x80;
            max = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > b.length) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < min || second > max) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int c = b[i + k] & 0xff;
            if (c < 0x80 || c > 0xBF) {
                return 0;
            }
        }
        return length;
    }
}
