package io.github.convscope.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one read of an image file: checked to be a regular file before it is opened (a FIFO would block the open, a
 * device such as {@code /dev/zero} never ends), refused from its size when it is larger than the cap, and read with
 * the cap enforced on the bytes actually read (the size of a file can change, and some report 0). Every failure is an
 * {@link ImageLoadException} naming the file.
 */
final class BoundedFileRead {
    /** The largest byte array a JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private BoundedFileRead() {
    }

    /** Reads {@code path} whole, refusing anything but a regular file of at most {@code maxBytes} bytes. */
    static byte[] read(Path path, long maxBytes) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class); // follows links to their target
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(path, "does not exist", e);
        } catch (IOException e) {
            throw new ImageLoadException(path, "cannot be read: " + e, e);
        }
        if (attributes.isDirectory()) {
            throw new ImageLoadException(path, "is a folder, not an image file");
        }
        if (!attributes.isRegularFile()) {
            throw new ImageLoadException(path, "is not a regular file (a FIFO, socket or device, or a link to one); "
                    + "only regular files are read, as reading such a file may block or never end");
        }
        long size = attributes.size();
        if (size > maxBytes) {
            throw tooLarge(path, String.format(Locale.ROOT, "is %,d bytes", size), maxBytes);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] data = new byte[(int) size];
            int n = in.readNBytes(data, 0, data.length);
            // what the size did not announce (a file still being written, or one that reports size 0)
            byte[] rest = in.readNBytes((int) Math.min(maxBytes - n + 1, MAX_ARRAY - n));
            if (n + (long) rest.length > maxBytes) {
                throw tooLarge(path, "grew while it was read", maxBytes);
            }
            if (rest.length > 0) {
                data = Arrays.copyOf(data, n + rest.length);
                System.arraycopy(rest, 0, data, n, rest.length);
            } else if (n < data.length) {
                data = Arrays.copyOf(data, n);
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(path, "does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(path, "cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new ImageLoadException(path, "cannot be read: " + e, e);
        } catch (OutOfMemoryError e) {
            throw new ImageLoadException(path, String.format(Locale.ROOT,
                    "does not fit in the memory left to the JVM (%,d bytes); lower maxFileBytes or raise -Xmx", size),
                    e);
        }
    }

    private static ImageLoadException tooLarge(Path path, String what, long maxBytes) {
        return new ImageLoadException(path, String.format(Locale.ROOT, "%s, more than maxFileBytes = %,d; "
                + "raise it with ImageLoader.Builder.maxFileBytes if the file is a real image", what, maxBytes));
    }
}
