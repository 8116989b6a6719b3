package io.github.convscope.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small zip and tar(.gz) archives in memory for the tests, including hostile ones. */
final class ArchiveFixtures {
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** Adds a tar entry of the given type ('0' file, '5' directory, '2' symlink, 'x' pax header...). */
    ArchiveFixtures tarEntry(String name, char type, byte[] data, String linkName) {
        byte[] header = new byte[512];
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", data.length), 12);
        put(header, 136, "00000000000", 12);
        header[156] = (byte) type;
        put(header, 157, linkName == null ? "" : linkName, 100);
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum), 7);
        tar.writeBytes(header);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    /** Adds a regular file. */
    ArchiveFixtures tarFile(String name, String content) {
        return tarEntry(name, '0', content.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Adds a pax header carrying a long path for the next entry. */
    ArchiveFixtures paxPath(String path) {
        String body = " path=" + path + "\n";
        int length = body.length();
        int digits = String.valueOf(length).length();
        length += digits;
        if (String.valueOf(length).length() != digits) {
            length++;
        }
        return tarEntry("PaxHeader", 'x', (length + body).getBytes(StandardCharsets.UTF_8), null);
    }

    /** The tar bytes with the two zero end blocks. */
    byte[] tarBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tar.toByteArray());
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** The tar bytes, gzip-compressed. */
    byte[] tarGzBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tarBytes());
        }
        return out.toByteArray();
    }

    /** A zip with the given names and contents (alternating name, content; a name ending in / is a folder). */
    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}
