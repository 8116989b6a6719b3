package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The libjpeg-turbo fast path gives exactly OpenCV's pixels (which the golden tests tie to Pillow's) and leaves every
 * file it does not handle cleanly to OpenCV. Needs the system's libturbojpeg ({@code .ci/run} installs it).
 */
class TurboJpegDecoderTest {
    private static final Path NAME = Path.of("test.jpg");

    @BeforeAll
    static void needsTheLibrary() {
        assumeTrue(TurboJpegDecoder.available(), "no system libturbojpeg (Debian/Ubuntu: apt install libturbojpeg0)");
    }

    @Test
    void fastPathIsReported() {
        assertTrue(ImageLoader.fastJpegDecoding());
    }

    @Test
    void samePixelsAsOpenCvForEveryChromaSubsamplingAndOddSizes() throws IOException {
        int[][] sizes = {{1, 1}, {7, 5}, {17, 9}, {333, 251}};
        int[][] lumaSampling = {{1, 1}, {2, 1}, {2, 2}, {1, 2}}; // 4:4:4, 4:2:2, 4:2:0, 4:4:0
        for (int[] size : sizes) {
            for (int[] sampling : lumaSampling) {
                byte[] jpeg = jpeg(noise(size[0], size[1], BufferedImage.TYPE_INT_RGB, size[0] * 31 + size[1]),
                        sampling[0], sampling[1]);
                String what = size[0] + "x" + size[1] + " sampled " + sampling[0] + "x" + sampling[1];
                assertEquals(sampling[0] << 4 | sampling[1], lumaSamplingByte(jpeg), what + ": written as asked");
                ByteImage fast = TurboJpegDecoder.decode(jpeg);
                assertNotNull(fast, what);
                assertSame(OpenCvDecoder.decode(jpeg, NAME), fast, what);
                assertEquals(3, fast.channels(), what);
            }
        }
    }

    @Test
    void samePixelsAsOpenCvForTheGoldenFixtures() {
        // Pillow-written: 4:2:0, 4:4:4, progressive, grey, a photo, EXIF-tagged files; cjpeg-written: restart
        // markers after every MCU row, arithmetic coding
        String[] fixtures = {"rgb_60x45.jpg", "rgb_60x45_444.jpg", "rgb_60x45_progressive.jpg", "grey_60x45.jpg",
            "photo_500x375.jpg", "exif_orientation6_40x20.jpg", "rgb_60x45_restart.jpg", "rgb_60x45_arithmetic.jpg"};
        for (String fixture : fixtures) {
            byte[] jpeg = ImageLoaderGoldenTest.resource(fixture);
            ByteImage fast = TurboJpegDecoder.decode(jpeg);
            assertNotNull(fast, fixture);
            assertSame(OpenCvDecoder.decode(jpeg, NAME), fast, fixture);
        }
    }

    @Test
    void greyJpegsDecodeToOneChannel() throws IOException {
        byte[] jpeg = jpeg(noise(40, 30, BufferedImage.TYPE_BYTE_GRAY, 7), 1, 1);
        ByteImage fast = TurboJpegDecoder.decode(jpeg);
        assertNotNull(fast);
        assertEquals(1, fast.channels());
        assertSame(OpenCvDecoder.decode(jpeg, NAME), fast, "grey");
    }

    @Test
    void cmykJpegsAreDecodedHereWithPillowsConversion() {
        for (String fixture : new String[] {"cmyk_20x10.jpg", "corpus/jpeg_cmyk.jpg"}) {
            byte[] jpeg = ImageLoaderGoldenTest.resource(fixture);
            ByteImage fast = TurboJpegDecoder.decode(jpeg);
            assertNotNull(fast, fixture);
            assertEquals(3, fast.channels(), fixture);
            assertSame(fast, ImageLoader.builder().build().loadBytes(jpeg, NAME), fixture + ": the loader's path");
            // OpenCV converts the same samples with its own rounding, up to 2 levels away (the golden tests hold
            // Pillow's values, which this path gives)
            byte[] openCv = OpenCvDecoder.decode(jpeg, NAME).data();
            int maxDiff = 0;
            for (int i = 0; i < openCv.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs((openCv[i] & 0xff) - (fast.data()[i] & 0xff)));
            }
            assertEquals(2, maxDiff, fixture + ": largest difference from OpenCV's conversion");
        }
    }

    @Test
    void aWarningFromTheLibraryLeavesTheFileToOpenCv() throws IOException {
        byte[] clean = jpeg(noise(64, 48, BufferedImage.TYPE_INT_RGB, 3), 2, 2);
        // the scan cut in half but the EOI marker kept: libjpeg warns "Corrupt JPEG data: premature end of data
        // segment" and pads with zeros; the file still ends with its marker, so it is not refused as truncated
        int entropyStart = segmentEnd(clean, 0xDA);
        int keep = entropyStart + (clean.length - 2 - entropyStart) / 2;
        byte[] jpeg = new byte[keep + 2];
        System.arraycopy(clean, 0, jpeg, 0, keep);
        if ((jpeg[keep - 1] & 0xff) == 0xFF) {
            jpeg[keep - 1] = 0; // never leave half a marker
        }
        jpeg[keep] = (byte) 0xFF;
        jpeg[keep + 1] = (byte) 0xD9;
        assertNull(TurboJpegDecoder.decode(jpeg));
        ByteImage viaLoader = ImageLoader.builder().build().loadBytes(jpeg, NAME);
        assertSame(OpenCvDecoder.decode(jpeg, NAME), viaLoader, "cut scan");
    }

    @Test
    void notAJpegIsDeclinedNotFatal() {
        assertNull(TurboJpegDecoder.decode(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3}));
        assertNull(TurboJpegDecoder.decode(new byte[0]));
    }

    @Test
    void nearestFromTheThreadsReusedBufferEqualsTheGeneralPath() throws IOException {
        // one thread, sizes that make its native buffer grow, shrink in use and grow again, both layouts: the direct
        // NEAREST sampling must equal decode-to-array then resize (the general path, taken here for honorExif)
        int[][] sizes = {{333, 251}, {17, 9}, {640, 480}, {60, 45}, {333, 251}};
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY}) {
            ColorMode mode = type == BufferedImage.TYPE_BYTE_GRAY ? ColorMode.GRAYSCALE : ColorMode.RGB;
            for (boolean keep : new boolean[] {false, true}) {
                ImageLoader.Builder builder = ImageLoader.builder().colorMode(mode).targetSize(50, 70)
                        .keepAspectRatio(keep);
                ImageLoader direct = builder.build();
                ImageLoader general = builder.honorExifOrientation(true).build(); // no EXIF: same pixels
                for (int[] size : sizes) {
                    byte[] jpeg = jpeg(noise(size[0], size[1], type, size[0] * 7L + size[1]), 2, 2);
                    String what = mode + " " + size[0] + "x" + size[1] + (keep ? " keepAspectRatio" : "");
                    TurboJpegDecoder.Frame frame = TurboJpegDecoder.decodeFrame(jpeg);
                    assertTrue(frame.pixels().isDirect(), what + ": decoded into the thread's native buffer");
                    assertEquals(mode.channels(), frame.channels(), what);
                    assertSame(general.loadBytes(jpeg, NAME), direct.loadBytes(jpeg, NAME), what);
                }
            }
        }
    }

    @Test
    void imagesOverTheReusedBufferSizeDecodeIntoAnArrayOfTheirOwn() throws IOException {
        int side = 2400; // 2400 x 2400 x 3 bytes = 17.3 MB > 16 MiB
        assertTrue(3L * side * side > TurboJpegDecoder.MAX_REUSED_BYTES);
        byte[] jpeg = jpeg(noise(side, side, BufferedImage.TYPE_INT_RGB, 11), 2, 2);
        TurboJpegDecoder.Frame frame = TurboJpegDecoder.decodeFrame(jpeg);
        assertTrue(frame.pixels().hasArray(), "heap array");
        assertSame(OpenCvDecoder.decode(jpeg, NAME), frame.toByteImage(), "2400x2400");
        byte[] small = ImageLoaderGoldenTest.resource("rgb_60x45.jpg");
        assertSame(OpenCvDecoder.decode(small, NAME), TurboJpegDecoder.decode(small), "the next, small one");
    }

    @Test
    void aFileCutInItsHeaderDoesNotStopTheThreadsLaterDecodes() {
        // libjpeg-turbo 2.1 leaves a decompressor unusable after an error in tjDecompressHeader3
        byte[] good = ImageLoaderGoldenTest.resource("rgb_60x45.jpg");
        ByteImage expected = OpenCvDecoder.decode(good, NAME);
        for (int keep : new int[] {200, 100, 30}) {
            assertNull(TurboJpegDecoder.decode(Arrays.copyOf(good, keep)), "cut to " + keep + " bytes");
            ByteImage next = TurboJpegDecoder.decode(good);
            assertNotNull(next, "the file after one cut to " + keep + " bytes");
            assertSame(expected, next, "after a cut to " + keep + " bytes");
        }
        // a complete file whose header libjpeg refuses (12-bit precision), which the truncation scan lets through
        byte[] twelveBit = good.clone();
        twelveBit[ImageLoaderLimitsTest.indexOfMarker(twelveBit, 0xC0) + 4] = 12;
        assertTrue(JpegTruncation.reachesEndOfImage(twelveBit));
        assertNull(TurboJpegDecoder.decode(twelveBit), "12-bit");
        assertSame(expected, TurboJpegDecoder.decode(good), "after a 12-bit file");
    }

    @Test
    void threadsDecodeIndependently() throws Exception {
        byte[] jpeg = ImageLoaderGoldenTest.resource("photo_500x375.jpg");
        ByteImage expected = TurboJpegDecoder.decode(jpeg);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ByteImage>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> TurboJpegDecoder.decode(jpeg)));
            }
            for (Future<ByteImage> result : results) {
                assertSame(expected, result.get(), "concurrent decode");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertSame(ByteImage expected, ByteImage actual, String what) {
        assertEquals(expected.height(), actual.height(), what + ": height");
        assertEquals(expected.width(), actual.width(), what + ": width");
        assertEquals(expected.channels(), actual.channels(), what + ": channels");
        assertArrayEquals(expected.data(), actual.data(), what + ": pixels");
    }

    private static BufferedImage noise(int width, int height, int type, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = Math.min(255, x * 255 / Math.max(1, width - 1) / 2 + random.nextInt(128));
                int g = Math.min(255, y * 255 / Math.max(1, height - 1) / 2 + random.nextInt(128));
                int b = random.nextInt(256);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** The index just past the segment with the given marker (for SOS: the start of the scan data). */
    private static int segmentEnd(byte[] jpeg, int wanted) {
        int start = ImageLoaderLimitsTest.indexOfMarker(jpeg, wanted);
        return start + 2 + ((jpeg[start + 2] & 0xff) << 8 | (jpeg[start + 3] & 0xff));
    }

    /** The first component's sampling factors (H in the high nibble) from the SOF0 segment. */
    private static int lumaSamplingByte(byte[] jpeg) {
        // FF C0, length (2), precision, height (2), width (2), count, then the first component: id, sampling
        return jpeg[ImageLoaderLimitsTest.indexOfMarker(jpeg, 0xC0) + 11] & 0xff;
    }

    /** A baseline JPEG (quality 0.9) with the given luma sampling factors (chroma 1x1). */
    private static byte[] jpeg(BufferedImage image, int lumaH, int lumaV) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            Node tree = metadata.getAsTree(format);
            NodeList components = ((Element) tree).getElementsByTagName("componentSpec");
            for (int i = 0; i < components.getLength(); i++) {
                Element component = (Element) components.item(i);
                component.setAttribute("HsamplingFactor", Integer.toString(i == 0 ? lumaH : 1));
                component.setAttribute("VsamplingFactor", Integer.toString(i == 0 ? lumaV : 1));
            }
            metadata.setFromTree(format, tree);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
