package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt, truncated, empty, missing and non-image files are refused with an error naming the file. */
class ImageLoaderBadInputTest {
    private static final ImageLoader LOADER = ImageLoader.builder().build();

    @TempDir
    Path dir;

    @Test
    void zeroByteFileIsRefused() throws IOException {
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> LOADER.load(empty));
        assertEquals(empty, e.path());
        assertTrue(e.getMessage().contains("empty.jpg") && e.getMessage().contains("0 bytes"), e.getMessage());
    }

    @Test
    void textFileNamedPngIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "this is not a picture\n");
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> LOADER.load(text));
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not an image"), e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreRefused() {
        Path missing = dir.resolve("nowhere.jpg");
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> LOADER.load(missing));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        ImageLoadException d = assertThrows(ImageLoadException.class, () -> LOADER.load(dir));
        assertEquals(dir, d.path());
    }

    @Test
    void jpegCutAnywhereIsTruncatedLikePillow() throws IOException {
        byte[] jpeg = ImageLoaderGoldenTest.resource("rgb_60x45.jpg");
        byte[] progressive = ImageLoaderGoldenTest.resource("rgb_60x45_progressive.jpg");
        for (byte[] whole : new byte[][] {jpeg, progressive}) {
            for (int cut : new int[] {1, 2, 10, whole.length / 2, whole.length - 200}) {
                Path file = Files.write(dir.resolve("cut" + cut + ".jpg"), Arrays.copyOf(whole, whole.length - cut));
                ImageLoadException e = assertThrows(ImageLoadException.class, () -> LOADER.load(file), "cut " + cut);
                assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(file.toString()),
                        e.getMessage());
            }
        }
    }

    @Test
    void bytesAfterTheJpegEndMarkerAreAccepted() {
        byte[] jpeg = ImageLoaderGoldenTest.resource("rgb_60x45.jpg");
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 7);
        System.arraycopy("garbage".getBytes(StandardCharsets.US_ASCII), 0, padded, jpeg.length, 7);
        ByteImage plain = LOADER.loadBytes(jpeg, Path.of("a.jpg"));
        ByteImage withTrailer = LOADER.loadBytes(padded, Path.of("b.jpg"));
        assertArrayEquals(plain.data(), withTrailer.data());
    }

    @Test
    void truncatedAndCorruptPngsAreRefused() throws IOException {
        byte[] png = ImageLoaderGoldenTest.resource("rgb_37x23.png");
        Path half = Files.write(dir.resolve("half.png"), Arrays.copyOf(png, png.length / 2));
        assertThrows(ImageLoadException.class, () -> LOADER.load(half));
        byte[] scrambled = png.clone();
        new Random(3).ints(200, 60, png.length - 20).forEach(i -> scrambled[i] ^= 0x5A);
        Path broken = Files.write(dir.resolve("broken.png"), scrambled);
        assertThrows(ImageLoadException.class, () -> LOADER.load(broken));
        Path headerOnly = Files.write(dir.resolve("header.png"), Arrays.copyOf(png, 20));
        assertThrows(ImageLoadException.class, () -> LOADER.load(headerOnly));
    }

    @Test
    void randomBytesNeverCrash() throws IOException {
        Random random = new Random(11);
        byte[] jpeg = ImageLoaderGoldenTest.resource("rgb_60x45.jpg");
        for (int trial = 0; trial < 20; trial++) {
            byte[] b = new byte[1 + random.nextInt(4000)];
            random.nextBytes(b);
            if (trial % 2 == 0) {
                System.arraycopy(jpeg, 0, b, 0, Math.min(b.length, 200));
            }
            Path file = Files.write(dir.resolve("noise" + trial + ".jpg"), b);
            assertThrows(ImageLoadException.class, () -> LOADER.load(file));
        }
    }

    @Test
    void losslessFilesWrittenByTheJdkRoundTrip() throws IOException {
        BufferedImage image = new BufferedImage(13, 7, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 13; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        for (String format : new String[] {"png", "bmp"}) {
            Path file = dir.resolve("jdk." + format);
            assertTrue(ImageIO.write(image, format, file.toFile()), format);
            FloatImage loaded = LOADER.load(file);
            assertArrayEquals(new int[] {7, 13, 3}, loaded.shape(), format);
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 13; x++) {
                    int rgb = image.getRGB(x, y);
                    assertEquals((rgb >> 16) & 0xff, loaded.get(y, x, 0), format);
                    assertEquals((rgb >> 8) & 0xff, loaded.get(y, x, 1), format);
                    assertEquals(rgb & 0xff, loaded.get(y, x, 2), format);
                }
            }
        }
        // The JDK writes TIFFs without RowsPerStrip; whether OpenCV 4.5.5's libtiff reads them differs between
        // machines (seen both ways here). Either the exact pixels come back, or a clear error naming the file.
        Path tiff = dir.resolve("jdk.tiff");
        assertTrue(ImageIO.write(image, "tiff", tiff.toFile()));
        FloatImage loaded;
        try {
            loaded = LOADER.load(tiff);
        } catch (ImageLoadException e) {
            assertEquals(tiff, e.path());
            return;
        }
        assertArrayEquals(new int[] {7, 13, 3}, loaded.shape(), "tiff");
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 13; x++) {
                int rgb = image.getRGB(x, y);
                assertEquals((rgb >> 16) & 0xff, loaded.get(y, x, 0), "tiff");
                assertEquals(rgb & 0xff, loaded.get(y, x, 2), "tiff");
            }
        }
    }
}
