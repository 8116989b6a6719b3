package io.github.convscope.datasets;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a tar stream (POSIX ustar, with pax {@code path}/{@code size} records and GNU long names):
 * regular files and directories. Links, devices and FIFOs are refused with an {@link IOException} naming the entry,
 * because extracting them is how archives escape their folder.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** One entry: its path inside the archive, whether it is a directory, and its size in bytes. */
    record Entry(String name, boolean directory, long size) {
    }

    private final InputStream in;
    private final String source;
    private long remaining;
    private long padding;

    TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next file or directory entry, or null at the end of the archive; skips what is left of the previous one. */
    Entry next() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        long paxSize = -1;
        while (true) {
            byte[] header = new byte[BLOCK];
            if (!readBlock(header)) {
                return null;
            }
            if (isZero(header)) {
                return null;
            }
            verifyChecksum(header);
            char type = (char) header[156];
            long size = number(header, 124, 12);
            String name = longName != null ? longName : headerName(header);
            switch (type) {
                case 'x' -> {
                    // pax extended header: key=value records for the next entry.
                    byte[] records = readData(size);
                    String path = paxValue(records, "path");
                    String paxSizeText = paxValue(records, "size");
                    if (path != null) {
                        longName = path;
                    }
                    if (paxSizeText != null) {
                        paxSize = Long.parseLong(paxSizeText.trim());
                    }
                }
                case 'g', 'K' -> readData(size);
                case 'L' -> longName = cString(readData(size), 0, (int) size);
                case '0', '\0', '7', '5' -> {
                    long entrySize = paxSize >= 0 ? paxSize : size;
                    boolean directory = type == '5' || (name.endsWith("/") && entrySize == 0);
                    remaining = directory ? 0 : entrySize;
                    padding = directory ? 0 : (BLOCK - entrySize % BLOCK) % BLOCK;
                    if (directory && entrySize > 0) {
                        skipFully(entrySize + (BLOCK - entrySize % BLOCK) % BLOCK);
                    }
                    return new Entry(name, directory, directory ? 0 : entrySize);
                }
                case '1' -> throw refused(name, "a hard link");
                case '2' -> throw refused(name, "a symbolic link");
                default -> throw refused(name, "of type '" + type + "' (device, FIFO or unknown)");
            }
        }
    }

    /** A stream over the current entry's bytes; reading it does not go past the entry. */
    InputStream entryStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar archive " + source + " ends inside an entry");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private IOException refused(String name, String what) {
        return new IOException("tar entry '" + name + "' in " + source + " is " + what
                + "; only regular files and directories are extracted (refused for safety)");
    }

    private byte[] readData(long size) throws IOException {
        if (size < 0 || size > (1 << 20)) {
            throw new IOException("tar archive " + source + " has an extended header of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("tar archive " + source + " ends inside an extended header");
        }
        skipFully((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n != BLOCK) {
            throw new EOFException("tar archive " + source + " ends inside a header");
        }
        return true;
    }

    private void skipFully(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive " + source + " ends inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private void verifyChecksum(byte[] header) throws IOException {
        // POSIX tar: the checksum is the sum of the header bytes with the checksum field read as spaces.
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : header[i];
            unsigned += b & 0xFF;
            signed += (byte) b;
        }
        long stored = number(header, 148, 8);
        if (stored != unsigned && stored != signed) {
            throw new IOException("tar archive " + source + " has a corrupt header (checksum " + stored
                    + ", computed " + unsigned + "); is it really a tar file?");
        }
    }

    private String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private long number(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            // GNU base-256 encoding for values that do not fit in octal digits.
            long value = header[offset] & 0x7F;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xFF);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new IOException("tar archive " + source + " has a malformed numeric header field");
            }
            value = value * 8 + digit;
        }
        return value;
    }

    private static String paxValue(byte[] records, String key) throws IOException {
        // pax record: "<length> <key>=<value>\n", the length counting bytes of the whole record.
        int pos = 0;
        while (pos < records.length) {
            int space = pos;
            while (space < records.length && records[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(records, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed pax record in tar header");
            }
            if (length <= 0 || pos + length > records.length) {
                throw new IOException("malformed pax record in tar header");
            }
            String record = new String(records, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0 && record.substring(0, eq).equals(key)) {
                return record.substring(eq + 1);
            }
            pos += length;
        }
        return null;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
