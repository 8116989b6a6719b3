package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares {@link ImageLoader} with Keras's {@code load_img} + {@code img_to_array} under Pillow 9.4, value for
 * value, on the cases listed in {@code image/cases.tsv}; the expected outputs were made by
 * {@code image/generate_fixtures.py} (kept beside the fixtures). The cases include the hostile corpus of
 * {@code image/corpus/} (written by {@code image/corpus.py}): every PNG bit depth and colour type with and without tRNS,
 * interlaced and damaged PNGs, BMP 1 to 32-bit and top-down, PNM P1-P6 with odd maxvals, TIFF 8/16/32-bit integer and
 * float, CMYK and unassociated alpha, multipage, CMYK JPEGs, each in the three colour modes. CMYK JPEGs are compared
 * where the system's libjpeg-turbo is loaded, the path that gives Pillow's values for them.
 */
class ImageLoaderGoldenTest {

    @TestFactory
    List<DynamicTest> matchesKerasLoadImg() throws IOException {
        byte[] expected = gunzip(resource("expected.bin.gz"));
        String table = new String(resource("cases.tsv"), StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String name = String.join(" ", f[0], f[1], f[2] + "x" + f[3], f[4], f[5].equals("true") ? "keepAspect" : "",
                    f[6].equals("true") ? "exif" : "").trim();
            tests.add(DynamicTest.dynamicTest(name, () -> check(f, expected)));
        }
        return tests;
    }

    private static void check(String[] f, byte[] expected) throws IOException {
        if (f[0].contains("cmyk") && f[0].endsWith(".jpg")) {
            // OpenCV, the fallback, converts CMYK JPEGs its own way (up to 2 levels from Pillow)
            assumeTrue(TurboJpegDecoder.available(), "CMYK JPEGs equal Pillow's on the libjpeg-turbo path only");
        }
        ImageLoader.Builder builder = ImageLoader.builder()
                .colorMode(ColorMode.valueOf(f[1]))
                .interpolation(Interpolation.valueOf(f[4]))
                .keepAspectRatio(Boolean.parseBoolean(f[5]))
                .honorExifOrientation(Boolean.parseBoolean(f[6]));
        int height = Integer.parseInt(f[2]);
        int width = Integer.parseInt(f[3]);
        if (height > 0) {
            builder.targetSize(height, width);
        }
        ByteImage image = builder.build().loadBytes(resource(f[0]), Path.of(f[0]));
        int[] shape = {Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9])};
        assertArrayEquals(shape, image.shape(), "shape");
        long offset = Long.parseLong(f[10]);
        if (offset >= 0) {
            byte[] want = java.util.Arrays.copyOfRange(expected, (int) offset, (int) offset + image.data().length);
            assertPixelsEqual(want, image);
        }
        assertEquals(f[11], sha256(image.data()), "SHA-256 of the uint8 HWC output");
        FloatImage floats = image.toFloatImage();
        assertEquals(image.get(shape[0] - 1, shape[1] - 1, shape[2] - 1),
                floats.get(shape[0] - 1, shape[1] - 1, shape[2] - 1));
    }

    private static void assertPixelsEqual(byte[] want, ByteImage got) {
        int differing = 0;
        int maxDiff = 0;
        int first = -1;
        for (int i = 0; i < want.length; i++) {
            int d = Math.abs((want[i] & 0xff) - (got.data()[i] & 0xff));
            if (d != 0) {
                differing++;
                maxDiff = Math.max(maxDiff, d);
                first = first < 0 ? i : first;
            }
        }
        if (differing > 0) {
            int c = got.channels();
            int w = got.width();
            fail(differing + " of " + want.length + " values differ, max |diff| " + maxDiff + ", first at (row "
                    + first / c / w + ", col " + first / c % w + ", ch " + first % c + "): expected "
                    + (want[first] & 0xff) + ", got " + (got.data()[first] & 0xff));
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = ImageLoaderGoldenTest.class.getResourceAsStream("/image/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource image/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
