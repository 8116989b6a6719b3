package io.github.convscope.examples.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (the MNIST format: a big-endian magic {@code 0x0000 08 nd}, nd dimension sizes, then unsigned bytes),
 * read whole; gzip-compressed files ({@code .gz}) are decompressed on the fly.
 */
final class IdxFile {
    private final int[] shape;
    private final byte[] data;

    private IdxFile(int[] shape, byte[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** Reads an unsigned-byte IDX file with {@code dimensions} dimensions; errors name the file. */
    static IdxFile read(Path file, int dimensions) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             DataInputStream data = new DataInputStream(in)) {
            int magic = data.readInt();
            // IDX: two zero bytes, type 0x08 (unsigned byte), then the number of dimensions.
            if ((magic >>> 8) != 0x08 || (magic & 0xFF) != dimensions) {
                throw new IOException(file + " is not an unsigned-byte IDX file with " + dimensions
                        + " dimensions (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int[] shape = new int[dimensions];
            long size = 1;
            for (int i = 0; i < dimensions; i++) {
                shape[i] = data.readInt();
                size *= shape[i];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large: " + size + " bytes");
            }
            byte[] values = data.readNBytes((int) size);
            if (values.length != size) {
                throw new IOException(file + " is truncated: " + values.length + " of " + size + " bytes");
            }
            return new IdxFile(shape, values);
        }
    }

    /** Number of items (the first dimension). */
    int count() {
        return shape[0];
    }

    /** Bytes per item (the product of the other dimensions). */
    int itemSize() {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Size of dimension {@code i}. */
    int dimension(int i) {
        return shape[i];
    }

    /** The unsigned value at flat position {@code item * itemSize() + offset}. */
    int value(int item, int offset) {
        return data[item * itemSize() + offset] & 0xFF;
    }

    /** A copy of one item's bytes. */
    byte[] item(int item) {
        byte[] out = new byte[itemSize()];
        System.arraycopy(data, item * itemSize(), out, 0, out.length);
        return out;
    }
}
