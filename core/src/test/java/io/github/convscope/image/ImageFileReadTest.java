package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one bounded read of an image file: only regular files, never more than {@code maxFileBytes}; and Pillow's
 * decompression-bomb rule (an error above twice {@code MAX_IMAGE_PIXELS}, a warning between).
 */
class ImageFileReadTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Makes a FIFO (named pipe) at {@code path} with mkfifo(1). */
    static Path fifo(Path path) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")) || Files.isExecutable(Path.of("/bin/mkfifo")),
                "needs mkfifo");
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor());
        return path;
    }

    /** A link named {@code name} to /dev/zero, a file that never ends. */
    static Path linkToDevZero(Path path) throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        return Files.createSymbolicLink(path, Path.of("/dev/zero"));
    }

    /** A sparse file of {@code bytes} bytes (no disk space used), starting with a PNG signature. */
    static Path sparse(Path path, long bytes) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
            file.setLength(bytes);
        }
        return path;
    }

    private static void assertRefused(Path path, ImageLoader loader, String... phrases) {
        ImageLoadException e = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(ImageLoadException.class, () -> loader.loadBytes(path)));
        assertEquals(path, e.path());
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), e.getMessage());
        }
    }

    @Test
    void aFifoNamedLikeAJpegIsRefusedWithoutOpeningIt() throws Exception {
        assertRefused(fifo(dir.resolve("x.jpg")), ImageLoader.builder().build(), "not a regular file");
    }

    @Test
    void aLinkToDevZeroIsRefusedWithoutReadingIt() throws Exception {
        assertRefused(linkToDevZero(dir.resolve("zero.jpg")), ImageLoader.builder().build(), "not a regular file");
    }

    @Test
    void aFileOverTwoGigabytesIsRefusedFromItsSize() throws Exception {
        assertRefused(sparse(dir.resolve("huge.png"), 3L << 30), ImageLoader.builder().build(),
                "3,221,225,472 bytes", "maxFileBytes = 1,073,741,824");
    }

    @Test
    void theSizeCapIsASettingAndInclusive() throws Exception {
        byte[] png = ImageLoaderGoldenTest.resource("rgb_37x23.png");
        Path file = Files.write(dir.resolve("a.png"), png);
        ImageLoader exact = ImageLoader.builder().maxFileBytes(png.length).build();
        assertArrayEquals(new int[] {23, 37, 3}, exact.loadBytes(file).shape());
        assertRefused(file, ImageLoader.builder().maxFileBytes(png.length - 1).build(),
                String.format("%,d bytes", png.length), "maxFileBytes");
        assertEquals(ImageLoader.DEFAULT_MAX_FILE_BYTES, ImageLoader.builder().build().maxFileBytes());
        for (long bad : new long[] {0, -1, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageLoader.builder().maxFileBytes(bad).build());
            assertTrue(e.getMessage().startsWith("maxFileBytes"), e.getMessage());
        }
    }

    @Test
    void aFolderNamedLikeAnImageIsRefusedByName() throws Exception {
        assertRefused(Files.createDirectory(dir.resolve("folder.png")), ImageLoader.builder().build(), "folder");
    }

    @Test
    void aMissingFileIsNamed() {
        assertRefused(dir.resolve("gone.png"), ImageLoader.builder().build(), "does not exist");
    }

    @Test
    void aNinetyMegapixelImagePassesThePixelLimitAsInPillowWhichOnlyWarns() {
        // 10000 x 9000 = 90,000,000 pixels: above Pillow's MAX_IMAGE_PIXELS (a warning), below twice it (the error);
        // the IDAT is cut after its first row so that nothing but the limit is exercised, and the error is the cut
        byte[] cut = bilevelPng(10_000, 9_000, 1);
        java.io.PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        ImageLoadException e;
        try {
            e = assertThrows(ImageLoadException.class,
                    () -> ImageLoader.builder().build().load(cut, Path.of("phone.png")));
        } finally {
            System.setErr(original);
        }
        assertFalse(e.getMessage().contains("maxPixels"), e.getMessage());
        // Pillow's DecompressionBombWarning, through SLF4J
        String warning = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(warning.contains("WARN") && warning.contains("phone.png: image size (90000000 pixels) exceeds "
                + "limit of 89478485 pixels, could be decompression bomb DOS attack"), warning);
        ImageLoadException lower = assertThrows(ImageLoadException.class,
                () -> ImageLoader.builder().maxPixels(89_478_485).build().load(cut, Path.of("phone.png")));
        assertTrue(lower.getMessage().contains("maxPixels"), lower.getMessage());
    }

    @Test
    void theErrorLimitIsTwicePillowsMaxImagePixels() {
        assertEquals(2 * 89_478_485L, ImageLoader.DEFAULT_MAX_PIXELS);
        byte[] png = ImageLoaderGoldenTest.resource("rgb_37x23.png").clone();
        ByteBuffer.wrap(png).putInt(16, 178_956_971).putInt(20, 1);
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> ImageLoader.builder().build().load(png, Path.of("bomb.png")));
        assertTrue(e.getMessage().contains("more than maxPixels = 178,956,970"), e.getMessage());
        ByteBuffer.wrap(png).putInt(16, 178_956_970);
        ImageLoadException decode = assertThrows(ImageLoadException.class,
                () -> ImageLoader.builder().build().load(png, Path.of("wide.png")));
        assertFalse(decode.getMessage().contains("maxPixels"), decode.getMessage());
    }

    /** A 1-bit grey PNG, every pixel white, with only the first {@code rows} rows of image data. */
    static byte[] bilevelPng(int width, int height, int rows) {
        int rowBytes = (width + 7) / 8;
        byte[] row = new byte[1 + rowBytes];
        java.util.Arrays.fill(row, 1, row.length, (byte) 0xFF);
        Deflater deflater = new Deflater(9);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int y = 0; y < rows; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 1).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
