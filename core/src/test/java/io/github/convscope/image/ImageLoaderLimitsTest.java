package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The pixel limit is enforced from the header, before any pixel memory exists; builder arguments are validated. */
class ImageLoaderLimitsTest {

    @Test
    void hugePngIsRefusedFromItsHeader() {
        byte[] png = ImageLoaderGoldenTest.resource("rgb_37x23.png").clone();
        ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 90_000);
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> ImageLoader.builder().build().load(png, Path.of("bomb.png")));
        assertTrue(e.getMessage().contains("bomb.png") && e.getMessage().contains("100000x90000")
                && e.getMessage().contains("9,000,000,000") && e.getMessage().contains("178,956,970")
                && e.getMessage().contains("PNG header"), e.getMessage());
    }

    @Test
    void hugeJpegIsRefusedFromItsStartOfFrame() {
        byte[] jpeg = ImageLoaderGoldenTest.resource("rgb_60x45.jpg").clone();
        int sof = indexOfMarker(jpeg, 0xC0);
        ByteBuffer.wrap(jpeg).putShort(sof + 5, (short) 60_000).putShort(sof + 7, (short) 60_000);
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> ImageLoader.builder().build().load(jpeg, Path.of("bomb.jpg")));
        assertTrue(e.getMessage().contains("60000x60000") && e.getMessage().contains("JPEG header"), e.getMessage());
    }

    @Test
    void configuredLimitIsInclusive() {
        byte[] jpeg = ImageLoaderGoldenTest.resource("rgb_60x45.jpg");
        ImageLoader exact = ImageLoader.builder().maxPixels(60 * 45).build();
        assertArrayEquals(new int[] {45, 60, 3}, exact.load(jpeg, Path.of("ok.jpg")).shape());
        ImageLoader smaller = ImageLoader.builder().maxPixels(60 * 45 - 1).build();
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> smaller.load(jpeg, Path.of("big.jpg")));
        assertTrue(e.getMessage().contains("60x45 = 2,700 pixels"), e.getMessage());
    }

    @Test
    void headersOfEveryFormatAreRead() {
        for (String name : new String[] {"rgb_37x23.png", "rgb_37x23.bmp", "rgb_37x23.ppm", "rgb_37x23.tif"}) {
            ImageHeader header = ImageHeader.sniff(ImageLoaderGoldenTest.resource(name));
            assertEquals(37, header.width(), name);
            assertEquals(23, header.height(), name);
        }
        ImageHeader jpeg = ImageHeader.sniff(ImageLoaderGoldenTest.resource("rgb_60x45_progressive.jpg"));
        assertEquals(ImageHeader.Format.JPEG, jpeg.format());
        assertEquals(60, jpeg.width());
        assertEquals(45, jpeg.height());
        assertEquals(-1, ImageHeader.sniff(new byte[] {1, 2, 3}).width());
        assertEquals(ImageHeader.Format.PNG, ImageHeader.sniff(Arrays.copyOf(
                ImageLoaderGoldenTest.resource("rgb_37x23.png"), 10)).format());
    }

    @Test
    void exifOrientationIsIgnoredByDefault() {
        byte[] jpeg = ImageLoaderGoldenTest.resource("exif_orientation6_40x20.jpg");
        assertEquals(6, ExifOrientation.read(jpeg));
        assertArrayEquals(new int[] {20, 40, 3}, ImageLoader.builder().build().load(jpeg, Path.of("a.jpg")).shape());
        ImageLoader upright = ImageLoader.builder().honorExifOrientation(true).build();
        assertArrayEquals(new int[] {40, 20, 3}, upright.load(jpeg, Path.of("a.jpg")).shape());
        assertEquals(1, ExifOrientation.read(ImageLoaderGoldenTest.resource("rgb_60x45.jpg")));
    }

    @Test
    void builderRejectsBadArgumentsByName() {
        assertMessage(() -> ImageLoader.builder().colorMode(null).build(), "colorMode");
        assertMessage(() -> ImageLoader.builder().interpolation(null).build(), "interpolation");
        assertMessage(() -> ImageLoader.builder().targetSize(0, 5).build(), "targetSize");
        assertMessage(() -> ImageLoader.builder().targetSize(-3, -3).build(), "targetSize");
        assertMessage(() -> ImageLoader.builder().maxPixels(0).build(), "maxPixels");
        ImageLoader defaults = ImageLoader.builder().build();
        assertEquals(ColorMode.RGB, defaults.colorMode());
        assertEquals(Interpolation.NEAREST, defaults.interpolation());
        assertEquals(ImageLoader.DEFAULT_MAX_PIXELS, defaults.maxPixels());
        assertEquals(false, defaults.honorExifOrientation());
    }

    private static void assertMessage(Runnable build, String parameter) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(parameter), e.getMessage());
    }

    /** The index of the first 0xFF {@code marker} pair (fine for the markers of small test JPEGs). */
    static int indexOfMarker(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(marker));
    }
}
