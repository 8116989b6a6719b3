package io.github.convscope.examples.dataset;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a reproducible ustar {@code .tar.gz}: regular files and directories only, fixed owner, modes and time, so
 * the same content always gives the same bytes. Refuses to replace an existing file.
 */
final class TarGzWriter implements Closeable {
    /** Modification time written for every entry: 2020-06-05, the date of the Fashion-MNIST files in Debian. */
    static final long MTIME = 1_591_315_200L;
    private static final int BLOCK = 512;

    private final OutputStream out;

    TarGzWriter(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        this.out = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }

    /** Adds a directory entry ({@code name} ends with a slash). */
    void directory(String name) throws IOException {
        header(name.endsWith("/") ? name : name + "/", '5', 0, "0000755");
    }

    /** Adds a regular file. */
    void file(String name, byte[] content) throws IOException {
        header(name, '0', content.length, "0000644");
        out.write(content);
        out.write(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
    }

    private void header(String name, char type, long size, String mode) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IOException("tar entry name longer than 100 bytes: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        put(header, 100, mode);
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", MTIME));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        put(header, 265, "root");
        put(header, 297, "root");
        // POSIX tar: checksum over the header with the checksum field counted as eight spaces.
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        out.write(header);
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** Writes the two zero end blocks and closes the file. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.close();
    }
}
