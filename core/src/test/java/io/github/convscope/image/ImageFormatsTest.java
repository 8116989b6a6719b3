package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader on every format ConvScope reads (Keras's list: PNG, JPEG, BMP, PPM/PGM/PBM, TIFF), on the class path
 * that convscope-core gives its users: its pom leaves out DataVec's image module and with it FFmpeg, Tesseract,
 * Leptonica, HDF5, the camera libraries and MKL. Each file is written here with known pixels and must decode to
 * them through OpenCV; afterwards the native libraries JavaCPP has loaded are OpenCV's and its own, none of those
 * left out.
 */
class ImageFormatsTest {
    private static final int H = 3;
    private static final int W = 4;

    @TempDir
    static Path dir;

    private static int red(int x, int y) {
        return 10 * x + y;
    }

    private static int green(int x, int y) {
        return 50 + 40 * x;
    }

    private static int blue(int x, int y) {
        return 250 - 70 * y;
    }

    private static BufferedImage rgb(int type) {
        BufferedImage image = new BufferedImage(W, H, type);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, 0xff000000 | red(x, y) << 16 | green(x, y) << 8 | blue(x, y));
            }
        }
        return image;
    }

    private static Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }

    private static FloatImage load(Path file, ColorMode mode) {
        return ImageLoader.builder().colorMode(mode).build().load(file);
    }

    private static void assertRgb(FloatImage image, String what) {
        assertEquals(List.of(H, W, 3), List.of(image.height(), image.width(), image.channels()), what);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                String at = what + " at (" + x + ", " + y + ")";
                assertEquals(red(x, y), image.get(y, x, 0), at + " red");
                assertEquals(green(x, y), image.get(y, x, 1), at + " green");
                assertEquals(blue(x, y), image.get(y, x, 2), at + " blue");
            }
        }
    }

    @Test
    void pngBmpAndTiffDecodeExactly() throws IOException {
        assertRgb(load(write(rgb(BufferedImage.TYPE_INT_RGB), "png", "rgb.png"), ColorMode.RGB), "PNG");
        assertRgb(load(write(rgb(BufferedImage.TYPE_INT_RGB), "bmp", "rgb.bmp"), ColorMode.RGB), "BMP");
        assertRgb(load(write(rgb(BufferedImage.TYPE_INT_RGB), "tiff", "rgb.tif"), ColorMode.RGB), "TIFF");
    }

    @Test
    void pngWithAlphaAndSixteenBitGrey() throws IOException {
        BufferedImage argb = rgb(BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 2, 0x40112233);
        FloatImage rgba = load(write(argb, "png", "rgba.png"), ColorMode.RGBA);
        assertEquals(4, rgba.channels());
        assertEquals(0x40, rgba.get(2, 1, 3), "alpha");
        assertEquals(0x11, rgba.get(2, 1, 0), "red under alpha");
        assertEquals(255, rgba.get(0, 0, 3), "opaque alpha");

        BufferedImage grey16 = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        short[] samples = {0, 100, 255, 256, 1000, (short) 65535, 7, 8, 9, 10, 11, 12};
        grey16.getRaster().setDataElements(0, 0, W, H, samples);
        FloatImage grey = load(write(grey16, "png", "grey16.png"), ColorMode.GRAYSCALE);
        // Pillow opens 16-bit grey as mode I and clips at 255 converting to L
        float[] expected = {0, 100, 255, 255, 255, 255, 7, 8, 9, 10, 11, 12};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], grey.data()[i], "16-bit grey sample " + i);
        }
    }

    @Test
    void netpbmFormats() throws IOException {
        ByteArrayOutputStream ppm = header("P6", "255");
        ByteArrayOutputStream pgm = header("P5", "255");
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                ppm.write(red(x, y));
                ppm.write(green(x, y));
                ppm.write(blue(x, y));
                pgm.write(red(x, y));
            }
        }
        assertRgb(load(save(ppm, "rgb.ppm"), ColorMode.RGB), "PPM");
        FloatImage grey = load(save(pgm, "grey.pgm"), ColorMode.GRAYSCALE);
        assertEquals(red(3, 2), grey.get(2, 3, 0), "PGM");

        // PBM: one bit per pixel, 1 is black, rows padded to a byte; 4 pixels wide: 1010, 0101, 1111
        ByteArrayOutputStream pbm = header("P4", null);
        pbm.write(0b1010_0000);
        pbm.write(0b0101_0000);
        pbm.write(0b1111_0000);
        FloatImage bits = load(save(pbm, "bits.pbm"), ColorMode.GRAYSCALE);
        float[] expected = {0, 255, 0, 255, 255, 0, 255, 0, 0, 0, 0, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], bits.data()[i], "PBM pixel " + i);
        }
    }

    @Test
    void jpegThroughOpenCvAndTheLoader() throws IOException {
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.setRGB(x, y, 0x804020);
            }
        }
        Path file = write(flat, "jpg", "flat.jpg");
        ByteImage viaOpenCv = OpenCvDecoder.decode(Files.readAllBytes(file), file);
        FloatImage viaLoader = load(file, ColorMode.RGB);
        int[] expected = {0x80, 0x40, 0x20};
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], viaOpenCv.data()[c] & 0xff, 2, "OpenCV channel " + c);
            assertEquals(viaOpenCv.data()[c] & 0xff, viaLoader.get(0, 0, c), "loader channel " + c);
        }
    }

    /** After all formats: which native libraries did JavaCPP load? OpenCV's and its own; none that was left out. */
    @AfterAll
    static void onlyOpenCvAndJavaCppNativesWereLoaded() {
        Set<String> loaded = new TreeSet<>();
        for (String name : Loader.getLoadedLibraries().keySet()) {
            loaded.add(name.toLowerCase(Locale.ROOT));
        }
        assertTrue(loaded.stream().anyMatch(n -> n.contains("opencv_imgcodecs")), "OpenCV's imgcodecs: " + loaded);
        for (String never : List.of("avcodec", "avformat", "ffmpeg", "tesseract", "lept", "hdf5", "realsense",
                "freenect", "dc1394", "flycapture", "artoolkit", "flandmark", "mkl")) {
            assertTrue(loaded.stream().noneMatch(n -> n.contains(never)), never + " was loaded: " + loaded);
        }
    }

    private static ByteArrayOutputStream header(String magic, String max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = magic + "\n" + W + " " + H + "\n" + (max == null ? "" : max + "\n");
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    private static Path save(ByteArrayOutputStream bytes, String name) throws IOException {
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }
}
