package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Which TIFFs {@link TiffSampleDecoder} takes from OpenCV (CMYK and unassociated alpha, 8-bit, chunky, lossless,
 * every strip inside the file) and what a damaged one gives; the golden tests compare its pixels with Pillow's.
 */
class TiffSampleDecoderTest {
    private static final Path NAME = Path.of("test.tif");

    @Test
    void takesCmykAndUnassociatedAlphaOnly() {
        assertEquals(TiffSampleDecoder.Layout.CMYK, layout("corpus/tif_cmyk.tif"));
        assertEquals(TiffSampleDecoder.Layout.CMYK, layout("corpus/tif_cmyk_lzw.tif"));
        assertEquals(TiffSampleDecoder.Layout.RGBA_UNASSOCIATED, layout("corpus/tif_rgba8.tif"));
        assertEquals(TiffSampleDecoder.Layout.RGBA_UNASSOCIATED, layout("corpus/tif_rgba8_deflate.tif"));
        for (String other : new String[] {"corpus/tif_rgb8_lzw.tif", "corpus/tif_grey8.tif", "corpus/tif_grey16.tif",
            "corpus/tif_grey32_float.tif", "corpus/tif_palette.tif", "corpus/tif_bilevel.tif", "rgb_37x23.tif",
            "rgb_37x23.png", "cmyk_20x10.jpg"}) {
            assertNull(layout(other), other);
        }
        assertNull(TiffSampleDecoder.layout(new byte[0]));
        assertNull(TiffSampleDecoder.layout(Arrays.copyOf(resource("corpus/tif_cmyk.tif"), 12)));
    }

    @Test
    void aStripOutsideTheFileIsLeftToOpenCv() {
        byte[] tiff = resource("corpus/tif_cmyk.tif");
        // Pillow writes the directory first and the pixels last: a file cut by 4 bytes keeps its directory, whose
        // last strip now ends past the file
        assertTrue(firstStripOffset(tiff) > ifdOffset(tiff));
        assertEquals(TiffSampleDecoder.Layout.CMYK, TiffSampleDecoder.layout(tiff));
        assertNull(TiffSampleDecoder.layout(Arrays.copyOf(tiff, tiff.length - 4)));
    }

    @Test
    void aDamagedCompressedStripIsReportedWithThePath() {
        byte[] tiff = resource("corpus/tif_rgba8_deflate.tif").clone();
        int strip = firstStripOffset(tiff);
        for (int i = strip; i < strip + 6; i++) {
            tiff[i] = (byte) 0xA5;
        }
        assertEquals(TiffSampleDecoder.Layout.RGBA_UNASSOCIATED, TiffSampleDecoder.layout(tiff));
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> ImageLoader.builder().build().loadBytes(tiff, NAME));
        assertEquals(NAME, e.path());
        assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
    }

    private static TiffSampleDecoder.Layout layout(String resource) {
        return TiffSampleDecoder.layout(resource(resource));
    }

    private static byte[] resource(String name) {
        return ImageLoaderGoldenTest.resource(name);
    }

    // the corpus files are little-endian, written by Pillow
    private static int ifdOffset(byte[] b) {
        return ImageHeader.read32(b, 4, true);
    }

    private static int firstStripOffset(byte[] b) {
        int ifd = ifdOffset(b);
        for (int e = 0; e < ImageHeader.read16(b, ifd, true); e++) {
            int at = ifd + 2 + 12 * e;
            if (ImageHeader.read16(b, at, true) == 273) {
                int count = ImageHeader.read32(b, at + 4, true);
                int type = ImageHeader.read16(b, at + 2, true);
                int value = ImageHeader.read32(b, at + 8, true);
                int first = count * (type == 3 ? 2 : 4) <= 4 ? at + 8 : value;
                return type == 3 ? ImageHeader.read16(b, first, true) : ImageHeader.read32(b, first, true);
            }
        }
        throw new IllegalStateException("no StripOffsets");
    }
}
